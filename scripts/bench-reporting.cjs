#!/usr/bin/env node
// `npm run bench:reporting [-- --learners 500000 --certified 250000 --rate 200 --seconds 20 --json FILE]`
//
// Latency of GET /api/v1/reporting/indicators on a province-sized dataset, beside bare references measured
// in the same run (docs/benchmarks.md):
//
//   dataset  learner-registered, certificate-issued and -revoked events produced straight onto reporting's
//            topics (bench.*); timed until reporting's group has committed the end of them
//   cold     the first read of each query after the projections changed (a few rounds; one more learner
//            registered between rounds), one read at a time
//   warm     each query at a steady rate through the gateway (open loop), no writes: the cached answer
//   bare     at the same rate: SELECT 1 and the two single-row reads a cached answer costs, on the same
//            PostgreSQL server; the same answer bytes from a bare node:http server
//
// The bench's platform (gateway 28080, services 23001-23005, topics bench.*, groups bench-*, databases
// bdhvs_bench_*) is started and stopped by the bench. Reporting's projections are emptied before the run and
// after it (--keep-data keeps the dataset for inspection), so every run measures its own dataset.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseOptions } = require('./lib/bench/args.cjs');
const { createRun } = require('./lib/bench/run.cjs');
const { ROOT, machineFacts, postgresFacts } = require('./lib/bench/machine.cjs');
const { log, sleep } = require('./lib/bench/util.cjs');
const bench = require('./lib/bench/platform.cjs');
const { getJson } = require('./lib/bench/http.cjs');
const { createKafka } = require('./lib/bench/kafka.cjs');
const dataset = require('./lib/bench/reporting-dataset.cjs');
const { indicatorQueries, coldReads, warmReads } = require('./lib/bench/reporting-reads.cjs');
const { CACHED_ANSWER_READS, bareReads, bareHttp } = require('./lib/bench/reporting-bare.cjs');
const { printReportingReport } = require('./lib/bench/reporting-report.cjs');
const { exportPhase, rebuildPhase } = require('./lib/bench/reporting-rebuild.cjs');

const BREAKDOWNS = [
  'none',
  'group',
  'sex',
  'ethnicity',
  'ethnicMinority',
  'ageBand',
  'disability',
  'poorHousehold',
  'subunit',
];
const opts = parseOptions(
  {
    learners: { type: 'int', default: 500_000, help: 'learners registered' },
    certified: { type: 'int', default: 250_000, help: 'of them certified in 2025 (2 % of those revoked)' },
    units: { type: 'list', default: ['12', '03388'], help: 'units read (the province, a commune)' },
    breakdowns: { type: 'list', default: ['none', 'sex', 'subunit'], choices: BREAKDOWNS, help: 'per unit' },
    period: { type: 'string', default: '2025', help: 'period of every read' },
    rate: { type: 'int', default: 200, help: 'warm reads per second (and the bare references)' },
    seconds: { type: 'number', default: 20, help: 'seconds of warm reads per query' },
    'warmup-seconds': { type: 'number', default: 2, help: 'seconds at the rate before each, not counted' },
    'max-in-flight': { type: 'int', default: 64, help: 'warm reads outstanding at most' },
    'cold-rounds': { type: 'int', default: 3, help: 'cold reads of each query' },
    json: { type: 'string', help: 'also write the figures as JSON to this file' },
    'apply-timeout-min': { type: 'number', default: 25, help: 'wait at most M min for reporting to apply' },
    'timeout-min': {
      type: 'number',
      default: 45,
      help: 'overall limit after the start; then stop and report',
    },
    'wait-e2e-min': { type: 'number', default: 15, help: 'wait at most M min for an e2e platform on :18080' },
    'ignore-e2e': { type: 'boolean', help: 'do not wait for it' },
    'keep-data': { type: 'boolean', help: 'leave the dataset in bdhvs_bench_reporting at the end' },
    'skip-baselines': { type: 'boolean', help: 'no bare references' },
    'skip-rebuild': { type: 'boolean', help: 'no rebuild and export phases' },
  },
  { usage: 'npm run bench:reporting [-- options]' },
);
if (opts.certified > opts.learners) {
  console.error('--certified cannot exceed --learners (see --help)');
  process.exit(2);
}

const run = createRun({
  command: `npm run bench:reporting -- ${process.argv.slice(2).join(' ')}`.trim(),
  jsonFile: opts.json,
  report: printReportingReport,
});
const { results } = run;

/** The platform runs the built bundles, and the services are edited while benches run: say which build. */
function bundlesBuiltAt() {
  return Object.fromEntries(
    ['gateway', 'reporting', 'learners'].map((name) => {
      const file = path.join(ROOT, 'dist/apps', name, 'main.js');
      return [name, fs.existsSync(file) ? fs.statSync(file).mtime.toISOString() : null];
    }),
  );
}

/** Units reach reporting as events from learners: wait until each one read answers. */
async function waitForUnits(ctx, units) {
  const deadline = Date.now() + 300_000;
  for (const unit of units) {
    for (;;) {
      const url = `${ctx.gateway}/api/v1/reporting/indicators?unit=${unit}&period=${opts.period}`;
      const { status } = await getJson(url, ctx.admin).catch(() => ({ status: 0 }));
      if (status === 200) break;
      if (Date.now() > deadline || run.aborted)
        throw new Error(`reporting does not know unit ${unit} (HTTP ${status})`);
      await sleep(500);
    }
  }
}

run.main(async () => {
  results.options = opts;
  results.runId = `${Date.now()}`;
  results.machine = machineFacts();
  results.bundlesBuiltAt = bundlesBuiltAt();
  log(
    `run ${results.runId}: ${opts.learners} learners, ${opts.certified} certified; load ${results.load.before.uptime}`,
  );
  bench.prepare();
  results.postgres = await postgresFacts();
  await bench.waitForE2e(run, { ignore: opts.ignoreE2e, waitMin: opts.waitE2eMin });
  results.otherPlatformPorts = await bench.otherPlatforms(run);
  run.limit(opts.timeoutMin);

  const kafka = createKafka('bench-reporting');
  const kadmin = kafka.admin();
  await kadmin.connect();
  run.onCleanup(() => kadmin.disconnect());
  await dataset.resetReporting();
  await dataset.resetTopics(kadmin);
  // Registered before the platform's stop, so it runs after it (cleanups run last-in first-out).
  if (!opts.keepData) run.onCleanup(() => dataset.resetReporting());
  const ctx = { ...(await bench.startBenchPlatform(run)), kafka, kadmin };
  await waitForUnits(ctx, opts.units);

  results.dataset = await dataset.loadDataset({
    run,
    ctx,
    learners: opts.learners,
    certified: opts.certified,
    runId: results.runId,
    timeoutMin: opts.applyTimeoutMin,
  });
  if (results.dataset.appliedSeconds === null) return false;

  const queries = indicatorQueries(opts.units, opts.breakdowns, opts.period);
  log(`cold reads: ${queries.length} queries x ${opts.coldRounds} rounds`);
  results.cold = await coldReads({
    run,
    ctx,
    queries,
    rounds: opts.coldRounds,
    bump: (round) => dataset.bumpVersion({ run, ctx, runId: results.runId, index: round }),
  });

  const steady = { rate: opts.rate, seconds: opts.seconds, maxInFlight: opts.maxInFlight };
  results.warm = [];
  for (const query of queries) {
    if (run.aborted) break;
    log(`warm reads: ${query.label}, ${opts.rate}/s for ${opts.warmupSeconds} + ${opts.seconds} s`);
    results.warm.push(await warmReads({ run, ctx, query, warmupSeconds: opts.warmupSeconds, ...steady }));
  }

  if (!opts.skipRebuild && !run.aborted) {
    results.exports = await exportPhase({
      ctx,
      breakdowns: BREAKDOWNS,
      period: opts.period,
      bump: (index) => dataset.bumpVersion({ run, ctx, runId: results.runId, index }),
    });
    results.rebuild = await rebuildPhase({
      kafka,
      kadmin,
      database: 'bdhvs_bench_reporting',
      reportingUrl: 'http://127.0.0.1:23005',
      groupPrefix: 'bench-',
      topicPrefix: 'bench.',
    });
  }

  if (!opts.skipBaselines && !run.aborted) {
    log('bare references at the same rate...');
    results.bare = {
      select1: await bareReads({
        run,
        label: 'PostgreSQL SELECT 1',
        statements: [['SELECT 1', []]],
        ...steady,
      }),
      cachedAnswerReads: await bareReads({
        run,
        label: 'PostgreSQL: unit row + projection version',
        statements: CACHED_ANSWER_READS,
        ...steady,
      }),
      http: await bareHttp({ run, ctx, urlPath: queries[0].path, ...steady }),
    };
  }
  results.rowsAtEnd = await dataset.reportingCounts();
  await ctx.stop();
  return results.warm.length === queries.length && results.warm.every((w) => w.errors === 0);
});
