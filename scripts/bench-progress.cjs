#!/usr/bin/env node
// `npm run bench:progress [-- --n 10000 --concurrency 64 --learners 1000 --json FILE]`
//
// Sustained MOOC progress intake: exactly N recordProgress calls through the gateway, C in flight, on a
// platform of its own (gateway :25080, services :25001-25005, databases bdhvs_bench_progress_* recreated per
// run, topics and groups prefixed per run and deleted afterwards), then single-row INSERT commits of the
// same rows on the same PostgreSQL in the same run (the bare limit). Builds only if a bundle is missing.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseOptions } = require('./lib/bench/args.cjs');
const { createRun } = require('./lib/bench/run.cjs');
const { ROOT, machineFacts, postgresFacts } = require('./lib/bench/machine.cjs');
const { infraUp, buildAll, SERVICES } = require('./lib/platform.cjs');
const { otherPlatforms } = require('./lib/bench/platform.cjs');
const { runProgress } = require('./lib/bench/progress.cjs');
const { printProgressReport } = require('./lib/bench/progress-report.cjs');
const { log } = require('./lib/bench/util.cjs');

const opts = parseOptions(
  {
    n: { type: 'int', default: 10_000, help: 'recordProgress calls' },
    concurrency: { type: 'int', default: 64, help: 'calls in flight (and raw INSERT connections)' },
    learners: { type: 'int', default: 1_000, help: 'learners the calls go round' },
    step: { type: 'int', default: 5, help: 'progress added per round of calls (%)' },
    modules: { type: 'int', default: 10, help: 'modules of the course' },
    'group-commit-ms': {
      type: 'int',
      help: 'COURSES_PROGRESS_GROUP_COMMIT_MS (default: the service default, 2)',
    },
    target: {
      type: 'string',
      default: 'gateway',
      help: 'gateway (the entry point) or courses (no gateway hop)',
    },
    'skip-baselines': { type: 'boolean', help: 'no raw INSERT after the load' },
    json: { type: 'string', help: 'also write the figures as JSON (default .cache/bench-progress.json)' },
    'timeout-min': { type: 'number', default: 15, help: 'stop with what is measured after M min' },
  },
  { usage: 'npm run bench:progress [-- options]' },
);

const run = createRun({
  command: `npm run bench:progress -- ${process.argv.slice(2).join(' ')}`.trim(),
  jsonFile: opts.json ?? path.join(ROOT, '.cache', 'bench-progress.json'),
  report: printProgressReport,
});
if (!['gateway', 'courses'].includes(opts.target)) {
  console.error('--target must be gateway or courses (see --help)');
  process.exit(2);
}
run.limit(opts.timeoutMin);

run.main(async () => {
  run.results.options = opts;
  run.results.machine = machineFacts();
  infraUp();
  run.results.postgres = await postgresFacts();
  const missing = [...SERVICES, 'gateway'].filter(
    (s) => !fs.existsSync(path.join(ROOT, 'dist/apps', s, 'main.js')),
  );
  if (missing.length > 0) {
    log(`building (missing bundles: ${missing.join(', ')})...`);
    buildAll();
  }
  await otherPlatforms(run);
  run.results.progress = await runProgress({
    run,
    n: opts.n,
    concurrency: opts.concurrency,
    learners: opts.learners,
    step: opts.step,
    modules: opts.modules,
    groupCommitMs: opts.groupCommitMs,
    skipBaselines: opts.skipBaselines,
    target: opts.target,
  });
  const p = run.results.progress;
  return Boolean(p.callsPerSecond) && (p.statuses?.['200'] ?? 0) === opts.n;
});
