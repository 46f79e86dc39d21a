#!/usr/bin/env node
// `npm run bench:import [-- --rows 500000 --batch 10000 --no-build --json FILE]`
//
// importLearners throughput on the real database and broker, beside the bare limits of the same
// PostgreSQL measured in the same run (docs/benchmarks.md). The same measurement is the `import` phase of
// bench:pipeline (scripts/lib/bench/import.cjs); this command runs it alone and builds learners first.
// Learners runs on :24001 with the database bdhvs_bench_import (dropped and created at each run) and
// topics/groups prefixed `bench-import.` / `bench-import-`, so nothing else is touched.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { parseOptions } = require('./lib/bench/args.cjs');
const { createRun } = require('./lib/bench/run.cjs');
const { ROOT, machineFacts, postgresFacts, describeMachine } = require('./lib/bench/machine.cjs');
const { infraUp } = require('./lib/platform.cjs');
const { runImport } = require('./lib/bench/import.cjs');
const { fmt, ratio, printCpu, printNotes } = require('./lib/bench/report.cjs');

const opts = parseOptions(
  {
    rows: { type: 'int', default: 500_000, help: 'CSV rows' },
    batch: { type: 'int', default: 10_000, help: "LEARNERS_IMPORT_BATCH (the service's default)" },
    'no-build': { type: 'boolean', help: 'use dist/apps/learners as it is' },
    json: { type: 'string', help: `JSON file (default .cache/bench-import-<rows>.json)` },
  },
  { usage: 'npm run bench:import [-- options]' },
);

function report(results) {
  const i = results.import ?? {};
  console.log(`
machine           ${describeMachine(results.machine ?? {}, results.postgres)}
rows              ${fmt(i.rows)} (batch ${fmt(i.batch)}): accepted ${fmt(i.accepted)}, rejected ${fmt(i.rejected)}, stored ${fmt(i.stored)}
import            ${fmt(i.importSeconds, ' s')} = ${fmt(i.importRowsPerSecond)} rows/s (HTTP answer)
events drained    ${i.drained ? `${i.drainedSeconds} s after the upload began` : 'NOT within the wait'}
raw COPY          ${fmt(i.rawCopySeconds, ' s')} = ${fmt(i.rawCopyRowsPerSecond)} rows/s  (import is ${fmt(ratio(i.rawCopyRowsPerSecond, i.importRowsPerSecond, 1))}x slower)
raw INSERT        ${fmt(i.rawInsertSeconds, ' s')} = ${fmt(i.rawInsertRowsPerSecond)} rows/s  (import is ${fmt(ratio(i.rawInsertRowsPerSecond, i.importRowsPerSecond, 1))}x slower)
crypto alone      ${fmt(i.requiredCryptoSeconds, ' s')} = ${fmt(i.requiredCryptoRowsPerSecond)} rows/s  (HMAC + 2 AES-GCM seals per row, no I/O)
learners RSS      idle ${fmt(i.idleRssMiB)} MiB; at 25/50/75/100 % of the upload ${(i.rssMiBAtQuarters ?? []).join(' / ')} MiB; peak (VmHWM) ${fmt(i.peakRssMiB)} MiB
citizen IDs in clear in the learner table: ${fmt(i.clearCitizenIdRows)}
log: ${fmt(i.log)}`);
  printCpu('the upload', i.cpuDuringImport);
  printNotes(results.notes);
}

const run = createRun({
  command: `npm run bench:import -- ${process.argv.slice(2).join(' ')}`.trim(),
  jsonFile: opts.json ?? path.join(ROOT, '.cache', `bench-import-${opts.rows}.json`),
  report,
});

run.main(async () => {
  run.results.options = opts;
  run.results.machine = machineFacts();
  infraUp();
  run.results.postgres = await postgresFacts();
  if (!opts.noBuild)
    execFileSync('npx', ['nx', 'build', 'learners', '--outputStyle=static'], { cwd: ROOT, stdio: 'inherit' });
  else if (!fs.existsSync(path.join(ROOT, 'dist/apps/learners/main.js')))
    throw new Error('dist/apps/learners/main.js is missing: run without --no-build');
  run.results.import = await runImport({ run, rows: opts.rows, batch: opts.batch });
  return Boolean(run.results.import.importRowsPerSecond);
});
