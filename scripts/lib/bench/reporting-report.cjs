// bench:reporting's report: the dataset and how fast reporting applied it, the cold cost per query, warm
// reads at a steady rate against the aim (p99 < 20 ms), and the bare references measured in the same run.
'use strict';

const { describeMachine } = require('./machine.cjs');
const { fmt, ratio, verdict, printTable, printNotes } = require('./report.cjs');

const AIM_P99_MS = 20;

const ms = (l) => (l ? `p50/p90/p99/max ${l.p50}/${l.p90}/${l.p99}/${l.max} ms` : '-');
const cores = (c) =>
  c
    ? Object.entries(c)
        .filter(([, v]) => v >= 0.05)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k.replace(/ \(.*\)$/, '')} ${v}`)
        .join(', ')
    : '-';

/** Ratios of each warm query to the bare references, and the aim, stored for the JSON file. */
function judge(results) {
  const bare = results.bare ?? {};
  results.ratios = (results.warm ?? []).map((w) => ({
    label: w.label,
    p50VsCachedAnswerReads: ratio(w.latencyMs.p50, bare.cachedAnswerReads?.latencyMs.p50, 1),
    p99VsCachedAnswerReads: ratio(w.latencyMs.p99, bare.cachedAnswerReads?.latencyMs.p99, 1),
    p99VsSelect1: ratio(w.latencyMs.p99, bare.select1?.latencyMs.p99, 1),
    p99VsBareHttp: ratio(w.latencyMs.p99, bare.http?.latencyMs.p99, 1),
  }));
  results.aims = {
    warmP99Ms: AIM_P99_MS,
    met: (results.warm ?? []).map((w) => ({
      label: w.label,
      met: w.latencyMs.p99 === null ? null : w.latencyMs.p99 < AIM_P99_MS && w.errors === 0,
    })),
  };
}

function datasetRows(d) {
  return [
    `Dataset: ${fmt(d.produced.registered)} learners registered over ${d.communes} communes, ${fmt(d.produced.issued)} certified, ${fmt(d.produced.revoked)} revoked`,
    [
      'produced onto bench.* topics',
      fmt(d.produceSeconds, ' s'),
      `${fmt(d.events)} events = ${fmt(d.producePerSecond)} /s; values ~${d.valueBytes.registered} B (learner), ~${d.valueBytes.issued} B (certificate)`,
    ],
    [
      'reporting applied all',
      fmt(d.appliedSeconds, ' s'),
      `after the first produce = ${fmt(d.appliedPerSecond)} events/s; each topic done at ${JSON.stringify(d.appliedByTopic)}`,
    ],
    [
      'rows in reporting after',
      fmt(d.rowsAfter?.learnerProfiles),
      `learner_profile; qualification ${fmt(d.rowsAfter?.qualifications)}, revocation ${fmt(d.rowsAfter?.revocations)} (before: ${JSON.stringify(d.rowsBefore)})`,
    ],
    [
      'learners (certificates) done',
      fmt(d.learnersCommittedSeconds, ' s'),
      'after the first produce (it consumes the certificates too)',
    ],
    ['cores busy during the load', fmt(d.cpu?.wallSeconds, ' s'), cores(d.cpu?.coresBusy)],
  ];
}

function coldRows(c) {
  return [
    `Cold: the first read of each query after the projections changed (${c.rounds} round${c.rounds === 1 ? '' : 's'}, one after the other; round 1 right after the load)`,
    ...c.queries.map((q) => [
      q.label,
      fmt(q.p50, ' ms'),
      `median; samples ${q.samplesMs.join(' / ')} ms; ${fmt(q.bytes)} B`,
    ]),
  ];
}

function warmRows(results) {
  const o = results.options;
  return [
    `Warm: ${o.rate} reads/s for ${o.seconds} s per query (after ${o.warmupSeconds} s not counted) through the gateway, open loop, at most ${o.maxInFlight} in flight, no writes`,
    ...results.warm.map((w, i) => [
      w.label,
      fmt(w.latencyMs.p99, ' ms p99'),
      `${ms(w.latencyMs)}; ${w.okPerSecond} ok/s, ${w.errors} errors; start lag p99 ${fmt(w.startLagMs.p99, ' ms')}${w.rateHeld ? '' : ' (rate not held)'}; ${w.bytes} B; cores: ${cores(w.coresBusy)}`,
      `p99 < ${AIM_P99_MS} ms: ${verdict(w.latencyMs.p99, results.aims.met[i].met)}`,
    ]),
  ];
}

function bareRows(b) {
  const row = (x) =>
    x && [
      x.label,
      fmt(x.latencyMs.p99, ' ms p99'),
      `${ms(x.latencyMs)}; ${x.okPerSecond} ok/s, ${x.errors} errors; start lag p99 ${fmt(x.startLagMs.p99, ' ms')}`,
    ];
  return [
    'Bare references at the same rate, same run',
    row(b.select1),
    row(b.cachedAnswerReads),
    row(b.http),
  ].filter(Boolean);
}

function ratioRows(results) {
  return [
    'Ratios: warm p99 (p50) over the bare p99 (p50)',
    ...results.ratios.map((r) => [
      r.label,
      fmt(r.p99VsCachedAnswerReads, 'x'),
      `the two single-row reads (p50 ${fmt(r.p50VsCachedAnswerReads, 'x')}); SELECT 1 ${fmt(r.p99VsSelect1, 'x')}; bare http ${fmt(r.p99VsBareHttp, 'x')}`,
    ]),
  ];
}

function printReportingReport(results) {
  judge(results);
  const rows = [];
  if (results.dataset) rows.push(...datasetRows(results.dataset));
  if (results.cold) rows.push(...coldRows(results.cold));
  if (results.warm?.length) rows.push(...warmRows(results));
  if (results.bare) rows.push(...bareRows(results.bare));
  if (results.warm?.length && results.bare) rows.push(...ratioRows(results));
  if (results.exports)
    rows.push(
      ...results.exports.map((e) => [
        `export CSV, province, ${e.breakdown}`,
        `${e.ms} ms, ${e.bytes} B (HTTP ${e.status})`,
      ]),
    );
  if (results.rebuild)
    rows.push(
      [
        'rebuild: caught up',
        `${results.rebuild.catchUpSeconds} s (${results.rebuild.eventsPerSecond} events/s)`,
      ],
      [
        'bare consumer of the same topics',
        `${results.rebuild.bare.seconds} s (${results.rebuild.bare.perSecond} /s)`,
      ],
      ['rebuild / bare (aim: within 2x)', `${results.rebuild.ratioToBare}x`],
      ['rebuild check', `${results.rebuild.compared} answers compared, ${results.rebuild.mismatches} differ`],
    );
  console.log(`\n${results.command} (${results.status})`);
  if (rows.length > 0) printTable(rows);
  console.log(`\nmachine: ${describeMachine(results.machine ?? {}, results.postgres)}`);
  console.log(`bundles built at: ${JSON.stringify(results.bundlesBuiltAt ?? {})}`);
  console.log(
    `load average before / after: ${results.load.before?.loadavg?.join(' ')} / ${results.load.after?.loadavg?.join(' ')}`,
  );
  printNotes(results.notes);
}

module.exports = { printReportingReport };
