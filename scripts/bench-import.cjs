#!/usr/bin/env node
// `npm run bench:import [-- --rows 500000 --batch 1000 --no-build --keep-csv]`
//
// importLearners throughput on the real database and broker, beside the bare limits of the same Postgres
// measured in the same run:
//
//   import     a synthetic CSV (valid citizen IDs, spread over the 38 communes and wards of 2025) POSTed as
//              text/csv to the learners service (its own process, built bundle), which parses the stream,
//              checks, seals (AES-256-GCM) and stores rows in batches with their outbox events
//   drained    ... until the outbox relay has published every learner-registered event to Kafka
//   raw COPY   `psql \copy` of the same rows (as text) into a plain table of the same database
//   raw INSERT the same rows as multi-row INSERTs (1,000 per transaction) over one `pg` connection
//
// pg-copy-streams is not a dependency of the project, so the COPY baseline goes through the psql client.
// Peak memory: VmHWM and VmRSS of the learners process from /proc/<pid>/status, sampled every 250 ms.
// Ports: learners on 24001. Database: bdhvs_bench_learners (dropped and created at each run). Topics and
// consumer groups prefixed `bench-import.` / `bench-import-`, so nothing else on the broker is touched.
'use strict';

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync, spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const { ensureDevKeys, mintDevToken } = require('./lib/dev-keys.cjs');
const { readEnvExample } = require('./lib/env-file.cjs');

const ROOT = path.resolve(__dirname, '..');
const PORT = 24001;
const DB = 'bdhvs_bench_learners';

function parseArgs(argv) {
  const opts = { rows: 500_000, batch: 1000, build: true, keepCsv: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const take = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--rows') opts.rows = Number(take());
    else if (flag === '--batch') opts.batch = Number(take());
    else if (flag === '--no-build') opts.build = false;
    else if (flag === '-h' || flag === '--help') {
      console.log('usage: npm run bench:import [-- --rows N (500000) --batch B (1000) --no-build]');
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------------
// Synthetic data: deterministic (seeded), valid citizen IDs (birth province 012, century/sex digit,
// birth year), names with Vietnamese diacritics, the 38 communes and wards, several target groups.
// ---------------------------------------------------------------------------------------------------

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function communes() {
  const text = fs.readFileSync(
    path.join(ROOT, 'apps/learners/src/units/data/lai-chau-units-2025.csv'),
    'utf8',
  );
  return text
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(','))
    .filter((f) => f[3] === 'commune' || f[3] === 'ward')
    .map((f) => f[0]);
}

const FAMILY = [
  'Lò',
  'Lường',
  'Tòng',
  'Vàng',
  'Giàng',
  'Sùng',
  'Nguyễn',
  'Trần',
  'Hoàng',
  'Lê',
  'Phạm',
  'Quàng',
  'Đèo',
];
const MIDDLE = { male: ['Văn', 'A', 'Seo', 'Đức'], female: ['Thị', 'Thị Thu', 'Mỷ', 'Ngọc'] };
const GIVEN = [
  'Mai',
  'Pấu',
  'Sính',
  'Dơ',
  'Chứ',
  'Hương',
  'Phềnh',
  'Xuân',
  'Tú',
  'Lan',
  'Sử',
  'Quý',
  'Páo',
  'Ánh',
];
const ETHNIC = ['03', '08', '09', '01', '14', '25', '36', '40', '29', '52'];
const HEADER =
  'citizenId,fullName,dateOfBirth,sex,unitCode,groups,ethnicity,studentLevel,disability,poorHousehold,vneidStatus,digitalBankAccount';

function* syntheticRows(n) {
  const r = rng(20251001);
  const units = communes();
  const pick = (list) => list[Math.floor(r() * list.length)];
  for (let i = 0; i < n; i++) {
    const sex = r() < 0.5 ? 'male' : 'female';
    const year = 1935 + Math.floor(r() * 84); // 1935..2018
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const dob = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const genderDigit = Math.floor((year - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0);
    // The serial is the row number: unique within the file whatever the year and sex.
    const citizenId = `012${genderDigit}${String(year % 100).padStart(2, '0')}${String(i).padStart(6, '0')}`;
    const age = 2025 - year;
    let groups = 'CITIZEN';
    let level = '';
    if (age >= 6 && age <= 22 && r() < 0.8) {
      groups = age >= 18 ? 'STUDENT;CITIZEN' : 'STUDENT';
      level =
        age <= 10
          ? 'PRIMARY'
          : age <= 14
            ? 'LOWER_SECONDARY'
            : age <= 17
              ? 'UPPER_SECONDARY'
              : pick(['VOCATIONAL', 'HIGHER_EDUCATION']);
    } else if (age >= 22 && age < 60) {
      const x = r();
      groups = x < 0.1 ? 'PUBLIC_SECTOR;CITIZEN' : x < 0.25 ? 'ENTERPRISE_WORKER;CITIZEN' : 'CITIZEN';
    }
    yield [
      citizenId,
      `${pick(FAMILY)} ${pick(MIDDLE[sex])} ${pick(GIVEN)}`,
      dob,
      sex,
      pick(units),
      groups,
      pick(ETHNIC),
      level,
      r() < 0.05 ? 'true' : '',
      r() < 0.15 ? 'true' : '',
      pick(['none', 'level1', 'level2']),
      r() < 0.4 ? 'true' : 'false',
    ].join(',');
  }
}

async function writeCsv(file, rows) {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const out = fs.createWriteStream(tmp);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write(`${HEADER}\n`);
  let chunk = '';
  for (const line of syntheticRows(rows)) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise((r) => out.end(r));
  fs.renameSync(tmp, file);
}

// ---------------------------------------------------------------------------------------------------
// The service, as a process, and its memory.
// ---------------------------------------------------------------------------------------------------

function serverUrl() {
  return (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(/\/[^/]*$/, '');
}

async function recreateDatabase() {
  const admin = new Client({ connectionString: `${serverUrl()}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB}`);
  } finally {
    await admin.end();
  }
}

function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number((status.match(new RegExp(`${name}:\\s+(\\d+) kB`)) ?? [])[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

async function startLearners(batch) {
  const { publicFile } = ensureDevKeys();
  const logFile = path.join(ROOT, '.cache', 'logs', 'bench-import-learners.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  // BENCH_IMPORT_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the service.
  const nodeArgs = (process.env.BENCH_IMPORT_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist/apps/learners/main.js')], {
    cwd: path.join(ROOT, 'dist/apps/learners'),
    env: {
      ...process.env,
      ...readEnvExample(),
      NODE_ENV: 'development',
      PORT: String(PORT),
      DATABASE_URL: `${serverUrl()}/${DB}`,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      KAFKA_TOPIC_PREFIX: 'bench-import.',
      KAFKA_GROUP_PREFIX: 'bench-import-',
      JWT_PUBLIC_KEY_FILE: publicFile,
      LOG_LEVEL: 'warn',
      LEARNERS_IMPORT_BATCH: String(batch),
    },
    stdio: ['ignore', log, log],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`learners exited with ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/health/ready`);
      if (res.ok) {
        // Reference units are registered right after start; let them land before measuring.
        await waitFor(
          async () => (await count('SELECT count(*) AS n FROM administrative_unit')) >= 154,
          60_000,
        );
        return { child, logFile };
      }
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill('SIGTERM');
  throw new Error(`learners not ready after 120 s; see ${logFile}`);
}

async function count(sql) {
  const c = new Client({ connectionString: `${serverUrl()}/${DB}` });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

async function waitFor(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function postCsv(file, token) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        method: 'POST',
        path: '/api/v1/learners/learners/import',
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-length': fs.statSync(file).size,
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on('error', reject);
    fs.createReadStream(file).pipe(req);
  });
}

// ---------------------------------------------------------------------------------------------------
// Baselines: the same rows into a plain table of the same database.
// ---------------------------------------------------------------------------------------------------

const RAW_COLUMNS = HEADER.split(',').map((c) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`));

async function rawTable(c, name) {
  await c.query(`DROP TABLE IF EXISTS ${name}`);
  await c.query(`CREATE TABLE ${name} (${RAW_COLUMNS.map((col) => `${col} text`).join(', ')})`);
}

async function rawCopy(file) {
  const c = new Client({ connectionString: `${serverUrl()}/${DB}` });
  await c.connect();
  await rawTable(c, 'bench_raw_copy');
  await c.end();
  const psql = spawnSync('psql', ['--version']);
  if (psql.status !== 0) return null;
  const t0 = performance.now();
  execFileSync('psql', [
    `${serverUrl()}/${DB}`,
    '-v',
    'ON_ERROR_STOP=1',
    '-q',
    '-c',
    `\\copy bench_raw_copy FROM '${file}' WITH (FORMAT csv, HEADER true)`,
  ]);
  return (performance.now() - t0) / 1000;
}

async function rawInsert(file, batch) {
  const c = new Client({ connectionString: `${serverUrl()}/${DB}` });
  await c.connect();
  try {
    await rawTable(c, 'bench_raw_insert');
    const lines = require('node:readline').createInterface({
      input: fs.createReadStream(file),
      crlfDelay: Infinity,
    });
    const t0 = performance.now();
    let rows = [];
    let first = true;
    const flush = async () => {
      if (rows.length === 0) return;
      const values = [];
      const tuples = rows.map((r, i) => {
        values.push(...r);
        return `(${r.map((_, j) => `$${i * r.length + j + 1}`).join(', ')})`;
      });
      await c.query('BEGIN');
      await c.query(`INSERT INTO bench_raw_insert VALUES ${tuples.join(', ')}`, values);
      await c.query('COMMIT');
      rows = [];
    };
    for await (const line of lines) {
      if (first) {
        first = false;
        continue;
      }
      if (!line) continue;
      rows.push(line.split(','));
      if (rows.length >= batch) await flush();
    }
    await flush();
    return (performance.now() - t0) / 1000;
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------------

function machine() {
  const cpus = os.cpus();
  return {
    nproc: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const mb = (b) => (b / 2 ** 20).toFixed(0);
  if (opts.build)
    execFileSync('npx', ['nx', 'build', 'learners', '--outputStyle=static'], { cwd: ROOT, stdio: 'inherit' });
  const file = path.join(ROOT, '.cache', `bench-import-${opts.rows}.csv`);
  let t = performance.now();
  await writeCsv(file, opts.rows);
  console.log(
    `csv: ${file} (${mb(fs.statSync(file).size)} MiB, ${opts.rows} rows; ${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );

  await recreateDatabase();
  const { child, logFile } = await startLearners(opts.batch);
  const samples = [];
  const sampler = setInterval(() => samples.push({ at: performance.now(), ...memoryOf(child.pid) }), 250);
  const idle = memoryOf(child.pid);
  let result;
  try {
    const token = mintDevToken({ sub: 'bench-import', roles: ['province-admin'] });
    t = performance.now();
    const res = await postCsv(file, token);
    const importSeconds = (performance.now() - t) / 1000;
    if (res.status !== 200) throw new Error(`import answered ${res.status}: ${res.body.slice(0, 500)}`);
    const answer = JSON.parse(res.body);
    const stored = await count('SELECT count(*) AS n FROM learner');
    const drainedOk = await waitFor(
      async () => (await count('SELECT count(*) AS n FROM outbox')) === 0,
      30 * 60_000,
    );
    const drainedSeconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    const peak = memoryOf(child.pid);
    const during = samples.filter((s) => s.at >= t && s.at <= t + importSeconds * 1000);
    const quarter = (q) => during[Math.min(during.length - 1, Math.floor((during.length * q) / 4))]?.rss ?? 0;
    const leak = await count(
      `SELECT count(*) AS n FROM learner WHERE citizen_id_sealed LIKE '%012%' AND citizen_id_sealed ~ '^[0-9]{12}$'`,
    );

    const copySeconds = await rawCopy(file);
    const insertSeconds = await rawInsert(file, opts.batch);
    result = {
      machine: machine(),
      rows: opts.rows,
      batch: opts.batch,
      accepted: answer.accepted,
      rejected: answer.rejected,
      stored,
      importSeconds,
      importRowsPerSecond: Math.round(opts.rows / importSeconds),
      drained: drainedOk,
      drainedSeconds,
      rawCopySeconds: copySeconds,
      rawCopyRowsPerSecond: copySeconds ? Math.round(opts.rows / copySeconds) : null,
      rawInsertSeconds: insertSeconds,
      rawInsertRowsPerSecond: Math.round(opts.rows / insertSeconds),
      idleRssMiB: Number(mb(idle.rss)),
      rssMiBAtQuarters: [1, 2, 3, 4].map((q) => Number(mb(quarter(q)))),
      peakRssMiB: Number(mb(peak.hwm)),
      clearCitizenIdRows: leak,
    };
  } finally {
    clearInterval(sampler);
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
  const x = (a, b) => (a && b ? (b / a).toFixed(1) : 'n/a');
  console.log(`
machine           ${result.machine.nproc} CPU (${result.machine.cpu}), ${result.machine.memGiB} GiB, Node ${result.machine.node}
rows              ${result.rows} (batch ${result.batch}): accepted ${result.accepted}, rejected ${result.rejected}, stored ${result.stored}
import            ${result.importSeconds.toFixed(1)} s = ${result.importRowsPerSecond} rows/s (HTTP answer)
events drained    ${result.drained ? `${result.drainedSeconds.toFixed(1)} s after the upload began` : 'NOT within 30 min'}
raw COPY          ${result.rawCopySeconds ? `${result.rawCopySeconds.toFixed(1)} s = ${result.rawCopyRowsPerSecond} rows/s  (import is ${x(result.rawCopySeconds, result.importSeconds)}x slower)` : 'psql not found'}
raw INSERT        ${result.rawInsertSeconds.toFixed(1)} s = ${result.rawInsertRowsPerSecond} rows/s  (import is ${x(result.rawInsertSeconds, result.importSeconds)}x slower)
learners RSS      idle ${result.idleRssMiB} MiB; at 25/50/75/100 % of the upload ${result.rssMiBAtQuarters.join(' / ')} MiB; peak (VmHWM) ${result.peakRssMiB} MiB
citizen IDs in clear in the learner table: ${result.clearCitizenIdRows}
log: ${logFile}`);
  fs.writeFileSync(
    path.join(ROOT, '.cache', `bench-import-${opts.rows}.json`),
    JSON.stringify(result, null, 2),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
