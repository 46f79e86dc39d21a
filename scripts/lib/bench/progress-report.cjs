// bench:progress's table: calls/s and latency beside the bare single-row INSERT rate of the same run.
'use strict';

const { fmt, ratio, verdict, printTable, printCpu, printNotes } = require('./report.cjs');
const { describeMachine } = require('./machine.cjs');

/** The aim of issue 11: at least a third of the raw insert rate at the same concurrency. */
const AIM = 1 / 3;

function printProgressReport(results) {
  const p = results.progress ?? {};
  const raw = p.rawInsert?.runs ?? [];
  const same = raw.find((r) => r.connections === p.concurrency) ?? raw[0];
  const ten = raw.find((r) => r.connections === 10);
  const share = ratio(p.callsPerSecond, same?.rowsPerSecond);
  console.log(`\nmachine  ${describeMachine(results.machine ?? {}, results.postgres)}`);
  console.log(
    `load     before ${results.load?.before?.loadavg?.join(' ') ?? '-'}; after ${results.load?.after?.loadavg?.join(' ') ?? '-'}`,
  );
  printTable([
    `recordProgress through the ${p.target === 'courses' ? 'courses service directly (no gateway)' : 'gateway'}: ${fmt(p.n)} single calls, ${fmt(p.concurrency)} in flight, ${fmt(p.learners)} learners`,
    [
      'calls/s',
      fmt(p.callsPerSecond),
      `${fmt(p.seconds, ' s')}; statuses ${JSON.stringify(p.statuses ?? {})}`,
    ],
    [
      'latency p50 / p95 / p99 / max',
      `${fmt(p.latencyMs?.p50)} / ${fmt(p.latencyMs?.p95)} / ${fmt(p.latencyMs?.p99)} / ${fmt(p.latencyMs?.max)} ms`,
      '',
    ],
    [
      'stored',
      `${fmt(p.stored?.enrolments)} enrolments`,
      `progress ${fmt(p.stored?.min)}-${fmt(p.stored?.max)} % (expected ${fmt(p.expected?.enrolments)}, lowest ${fmt(p.expected?.minProgress)} %); waiting ${fmt(p.stored?.pending)}; outbox empty ${fmt(p.outboxDrainedSecondsAfterLoad, ' s')} after the load`,
    ],
    'bare limit, same run (platform stopped): single-row INSERT commits of the same rows',
    [
      `raw INSERT, ${fmt(same?.connections)} connections`,
      `${fmt(same?.rowsPerSecond)} rows/s`,
      `p50/p99 ${fmt(same?.latencyMs?.p50)}/${fmt(same?.latencyMs?.p99)} ms`,
    ],
    [
      'raw INSERT, 10 connections',
      `${fmt(ten?.rowsPerSecond)} rows/s`,
      `p50/p99 ${fmt(ten?.latencyMs?.p50)}/${fmt(ten?.latencyMs?.p99)} ms`,
    ],
    'aim',
    [
      'calls/s ÷ raw INSERT rows/s',
      fmt(share),
      '',
      `≥ 0.333: ${verdict(share, share !== null && share >= AIM)}`,
    ],
  ]);
  printCpu('the progress load', p.cpu);
  printNotes(results.notes);
}

module.exports = { AIM, printProgressReport };
