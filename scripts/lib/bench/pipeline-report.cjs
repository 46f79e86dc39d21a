// bench:pipeline's report: one table per phase, each figure beside the bare limit measured in the same
// run, the ratios and the aims of issue 8.
'use strict';

const { describeMachine } = require('./machine.cjs');
const { fmt, ratio, verdict, printTable, printCpu, printNotes } = require('./report.cjs');

const AIMS = {
  kafkaVsRawProduceThenConsume: 0.5, // at least
  kafkaAllVisibleSeconds: 60, // below
  freshnessP99Ms: 2000, // below
  importTimesRawCopy: 5, // within
};

/** Ratios and aims, stored in the results for the JSON file. */
function judge(results) {
  const k = results.kafkaChannel;
  const w = results.webhook;
  const f = results.freshness;
  const i = results.import;
  const b = results.baselines ?? {};
  const pg = b.postgres?.runs ?? [];
  results.ratios = {
    kafkaVsRawProduceThenConsume: ratio(k?.eventsPerSecond, b.kafkaInbound?.produceThenConsumePerSecond),
    webhookAcceptedVsRawProduce: ratio(w?.acceptedPerSecond, b.kafkaIssued?.producePerSecond),
    webhookEndToEndVsRawProduceThenConsume: ratio(
      w?.endToEndPerSecond,
      b.kafkaIssued?.produceThenConsumePerSecond,
    ),
    webhookAcceptedVsRawPostgres: ratio(w?.acceptedPerSecond, pg[0]?.rowsPerSecond),
    webhookAcceptedVsRawPostgresAtPoolSize: ratio(
      w?.acceptedPerSecond,
      pg.find((r) => r.connections === 10)?.rowsPerSecond,
    ),
    webhookAcceptedVsBareOneHop: ratio(w?.acceptedPerSecond, b.http?.direct?.perSecond),
    webhookAcceptedVsBareTwoHops: ratio(w?.acceptedPerSecond, b.http?.proxied?.perSecond),
    importTimesSlowerThanRawCopy: ratio(i?.rawCopyRowsPerSecond, i?.importRowsPerSecond, 1),
    importTimesSlowerThanRawInsert: ratio(i?.rawInsertRowsPerSecond, i?.importRowsPerSecond, 1),
  };
  const r = results.ratios;
  const met = (v, ok) => (v === null || v === undefined ? null : ok);
  results.aims = {
    targets: AIMS,
    kafkaVsRawProduceThenConsume: met(
      r.kafkaVsRawProduceThenConsume,
      r.kafkaVsRawProduceThenConsume >= AIMS.kafkaVsRawProduceThenConsume,
    ),
    kafkaAllVisible: met(k?.visibleSeconds, k?.visibleSeconds < AIMS.kafkaAllVisibleSeconds),
    freshnessP99: met(
      f?.freshnessMs?.p99,
      f?.freshnessMs?.p99 < AIMS.freshnessP99Ms && f?.unseen === 0 && f?.rateHeld,
    ),
    importWithinRawCopy: met(
      r.importTimesSlowerThanRawCopy,
      r.importTimesSlowerThanRawCopy <= AIMS.importTimesRawCopy,
    ),
  };
}

function printPipelineReport(results) {
  judge(results);
  const { kafkaChannel: k, webhook: w, freshness: f, import: i, ratios: r } = results;
  const b = results.baselines ?? {};
  const o = results.options ?? {};
  const rows = [];
  if (k) {
    rows.push(
      `Kafka channel: ${fmt(k.produced)} VNeID events produced onto ${k.topic} (~${fmt(k.valueBytes, ' B')} values)`,
    );
    rows.push(
      [
        'all visible in indicator d',
        fmt(k.visibleSeconds, ' s'),
        `after the first produce; produced in ${fmt(k.produceSeconds, ' s')}`,
        `aim < ${AIMS.kafkaAllVisibleSeconds} s: ${verdict(k.visibleSeconds, results.aims.kafkaAllVisible)}`,
      ],
      [
        'events / s end to end',
        fmt(k.eventsPerSecond),
        `${fmt(k.visibleAtEndOfProduce)} visible when the produce ended; certificates issued all at ${fmt(k.certificatesIssuedAllSeconds, ' s')}`,
      ],
      [
        'database work per event',
        `${fmt(k.databaseWork?.rowsWrittenPerEvent)} rows`,
        `${fmt(k.databaseWork?.commitsPerEvent)} commits; rows inserted + updated + deleted in every bench database`,
      ],
      [
        'raw Kafka produce then consume / s',
        fmt(b.kafkaInbound?.produceThenConsumePerSecond),
        `same ${fmt(b.kafkaInbound?.produced)} values: produce ${fmt(b.kafkaInbound?.producePerSecond)} /s, consume ${fmt(b.kafkaInbound?.consumePerSecond)} /s`,
      ],
      [
        'ratio to the raw produce then consume',
        fmt(r.kafkaVsRawProduceThenConsume),
        '',
        `aim >= ${AIMS.kafkaVsRawProduceThenConsume}: ${verdict(r.kafkaVsRawProduceThenConsume, results.aims.kafkaVsRawProduceThenConsume)}`,
      ],
    );
  }
  if (w) {
    rows.push(`Webhook: ${fmt(w.events)} signed calls through the gateway, ${fmt(w.concurrency)} in flight`);
    rows.push(
      [
        'accepted (202) / s',
        fmt(w.acceptedPerSecond),
        `${fmt(w.accepted)} in ${fmt(w.acceptSeconds, ' s')}, non-202: ${fmt(w.nonAccepted)}`,
      ],
      [
        'latency p50 / p99',
        `${fmt(w.latencyMs?.p50)} / ${fmt(w.latencyMs?.p99)} ms`,
        `p95 ${fmt(w.latencyMs?.p95, ' ms')}, max ${fmt(w.latencyMs?.max, ' ms')}`,
      ],
      [
        'all visible in indicator d',
        fmt(w.visibleSeconds, ' s'),
        `after the first call = ${fmt(w.endToEndPerSecond)} /s end to end; ${fmt(w.visibleAtEndOfAccept)} visible when the calls ended`,
      ],
      [
        'database work per event',
        `${fmt(w.databaseWork?.rowsWrittenPerEvent)} rows`,
        `${fmt(w.databaseWork?.commitsPerEvent)} commits (until all visible)`,
      ],
      [
        'raw Kafka produce / s',
        fmt(b.kafkaIssued?.producePerSecond),
        `${fmt(b.kafkaIssued?.produced)} x ${fmt(b.kafkaIssued?.valueBytes, ' B')} (certificate-issued size, with headers)`,
      ],
      [
        'raw Kafka produce then consume / s',
        fmt(b.kafkaIssued?.produceThenConsumePerSecond),
        `consume ${fmt(b.kafkaIssued?.consumePerSecond)} /s from the first batch`,
      ],
      ...(b.postgres?.runs ?? []).map((run) => [
        `raw PostgreSQL commits / s (${run.connections} conn)`,
        fmt(run.rowsPerSecond),
        `${run.rows} single-row commits; p50/p99 ${run.latencyMs.p50}/${run.latencyMs.p99} ms`,
      ]),
      ...[
        ['one hop', b.http?.direct],
        ['two hops (bare proxy)', b.http?.proxied],
      ].map(([hops, bare]) => [
        `bare node:http 202s / s, ${hops}`,
        fmt(bare?.perSecond),
        `same calls, no work; p50/p99 ${fmt(bare?.latencyMs?.p50)}/${fmt(bare?.latencyMs?.p99)} ms`,
      ]),
      [
        'accepted / bare node:http',
        fmt(r.webhookAcceptedVsBareTwoHops),
        `two hops; ${fmt(r.webhookAcceptedVsBareOneHop)} of one hop`,
      ],
      ['accepted / raw Kafka produce', fmt(r.webhookAcceptedVsRawProduce), ''],
      ['end to end / raw produce then consume', fmt(r.webhookEndToEndVsRawProduceThenConsume), ''],
      [
        'accepted / raw PostgreSQL commits',
        fmt(r.webhookAcceptedVsRawPostgres),
        `${fmt(r.webhookAcceptedVsRawPostgresAtPoolSize)} at the services' pool size (10)`,
      ],
    );
  }
  if (f) {
    rows.push(
      `Freshness: ${fmt(f.targetRate)} calls/s for ${fmt(o.freshSeconds, ' s')} on the webhook, numerator read every ${f.pollIntervalMs} ms`,
    );
    rows.push(
      [
        'accepted (202) / s',
        fmt(f.acceptedPerSecond),
        `${fmt(f.accepted)} of ${fmt(f.events)}; calls started late by p99 ${fmt(f.startLagMs?.p99, ' ms')}`,
      ],
      [
        '202 -> visible p50 / p99',
        `${fmt(f.freshnessMs?.p50)} / ${fmt(f.freshnessMs?.p99)} ms`,
        `p95 ${fmt(f.freshnessMs?.p95, ' ms')}, max ${fmt(f.freshnessMs?.max, ' ms')}, never seen ${fmt(f.unseen)}`,
        `aim p99 < ${AIMS.freshnessP99Ms} ms: ${verdict(f.freshnessMs?.p99, results.aims.freshnessP99)}${f.rateHeld ? '' : ' (rate not held)'}`,
      ],
      [
        'call latency p50 / p99',
        `${fmt(f.acceptLatencyMs?.p50)} / ${fmt(f.acceptLatencyMs?.p99)} ms`,
        `indicator read p50/p99 ${fmt(f.readRoundTripMs?.p50)}/${fmt(f.readRoundTripMs?.p99)} ms`,
      ],
    );
  }
  if (i) {
    rows.push(
      `Import: ${fmt(i.rows)} CSV rows into importLearners (batch ${fmt(i.batch)}), learners alone on :24001`,
    );
    rows.push(
      [
        'importLearners rows / s',
        fmt(i.importRowsPerSecond),
        `${fmt(i.importSeconds, ' s')} to the HTTP answer; ${fmt(i.accepted)} accepted, ${fmt(i.rejected)} rejected`,
      ],
      ['every event on Kafka', fmt(i.drainedSeconds, ' s'), 'after the upload began'],
      [
        'learners peak RSS (VmHWM)',
        fmt(i.peakRssMiB, ' MiB'),
        `idle ${fmt(i.idleRssMiB)} MiB; at 25/50/75/100 %: ${(i.rssMiBAtQuarters ?? []).join(' / ')} MiB`,
      ],
      [
        'raw COPY rows / s',
        fmt(i.rawCopyRowsPerSecond),
        `import ${fmt(r.importTimesSlowerThanRawCopy)}x slower`,
        `aim within ${AIMS.importTimesRawCopy}x: ${verdict(r.importTimesSlowerThanRawCopy, results.aims.importWithinRawCopy)}`,
      ],
      [
        'raw multi-row INSERT rows / s',
        fmt(i.rawInsertRowsPerSecond),
        `import ${fmt(r.importTimesSlowerThanRawInsert)}x slower`,
      ],
      [
        'the required cryptography alone, rows / s',
        fmt(i.requiredCryptoRowsPerSecond),
        `one HMAC and two AES-256-GCM seals per row, one core, no I/O; ${fmt(ratio(i.rawCopyRowsPerSecond, i.requiredCryptoRowsPerSecond, 1))}x slower than raw COPY`,
      ],
    );
  }
  console.log('\n=== bench:pipeline ===');
  console.log(`run ${results.runId ?? '-'} (${results.status}); ${results.startedAt}`);
  console.log(`machine: ${describeMachine(results.machine ?? {}, results.postgres)}`);
  console.log(`load before: ${results.load.before?.uptime ?? '-'}`);
  console.log(`load after:  ${results.load.after?.uptime ?? '-'}`);
  if (rows.length > 0) printTable(rows);
  printCpu('the Kafka channel', k?.cpu);
  printCpu('the webhook calls', w?.cpuDuringAccept);
  printCpu('the freshness phase', f?.cpu);
  printCpu('the import', i?.cpuDuringImport);
  printNotes(results.notes);
}

module.exports = { AIMS, printPipelineReport };
