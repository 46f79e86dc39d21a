// Import: a synthetic CSV POSTed as text/csv to the learners service (its own process from the built
// bundle, its own database, port, topics and groups), timed until the HTTP answer (for a large file
// answered 202, until its status resource says done) and until the outbox
// has published every learner-registered event; memory of the process sampled from /proc. Then the bare
// limits on the same database: raw COPY and raw multi-row INSERTs of the same rows.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');
const { ensureDevKeys, mintDevToken } = require('../dev-keys.cjs');
const { readEnvExample } = require('../env-file.cjs');
const { ROOT } = require('./machine.cjs');
const { CSV_COLUMNS, csvFileFor, writeCsv } = require('./learners-csv.cjs');
const { recreateDatabase, countIn, rawCopy, rawMultiRowInsert } = require('./postgres.cjs');
const { memoryOf, sampleMemory, cpuSnapshot, cpuDelta } = require('./proc.cjs');
const { HOST, now, round, sleep, log, pgServerUrl } = require('./util.cjs');

const IMPORT_PORT = 24001;
// Its own database: bdhvs_bench_learners belongs to bench:pipeline's platform.
const IMPORT_DB = 'bdhvs_bench_import';
const mib = (bytes) => round(bytes / 2 ** 20, 0);

async function waitFor(check, timeoutMs, isAborted) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !isAborted()) {
    if (await check()) return true;
    await sleep(250);
  }
  return false;
}

/** The learners bundle on IMPORT_PORT; resolves once ready and its reference units are stored. */
async function startLearners({ run, batch, db, logFile }) {
  const { publicFile } = ensureDevKeys();
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  // BENCH_IMPORT_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the service.
  const nodeArgs = (process.env.BENCH_IMPORT_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist/apps/learners/main.js')], {
    cwd: path.join(ROOT, 'dist/apps/learners'),
    env: {
      ...process.env,
      ...readEnvExample(),
      NODE_ENV: 'development',
      PORT: String(IMPORT_PORT),
      DATABASE_URL: `${pgServerUrl()}/${db}`,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? `${HOST}:9092`,
      KAFKA_TOPIC_PREFIX: 'bench-import.',
      KAFKA_GROUP_PREFIX: 'bench-import-',
      LOG_LEVEL: 'warn',
      LEARNERS_IMPORT_BATCH: String(batch),
      JWT_PUBLIC_KEY_FILE: publicFile,
    },
    stdio: ['ignore', out, out],
  });
  const stop = run.onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !run.aborted) {
    if (child.exitCode !== null) throw new Error(`learners exited with ${child.exitCode}; see ${logFile}`);
    const ready = await fetch(`http://${HOST}:${IMPORT_PORT}/health/ready`).then(
      (res) => res.ok,
      () => false,
    );
    // Reference units are registered right after the start; let them land before measuring.
    if (ready) {
      await waitFor(
        async () => (await countIn(db, 'SELECT count(*) AS n FROM administrative_unit')) >= 154,
        60_000,
        () => run.aborted,
      );
      return { child, stop };
    }
    await sleep(300);
  }
  await stop();
  throw new Error(`learners not ready after 120 s; see ${logFile}`);
}

function postCsv(file, token) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: HOST,
        port: IMPORT_PORT,
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
        res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location, body }));
      },
    );
    req.on('error', reject);
    fs.createReadStream(file).pipe(req);
  });
}

/** Polls an import answered 202 until it is no longer running; its final state. */
async function untilImported(location, token, isAborted) {
  for (;;) {
    const res = await fetch(`http://${HOST}:${IMPORT_PORT}${location}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const state = await res.json();
    if (res.status !== 200) throw new Error(`${location} answered ${res.status}: ${JSON.stringify(state)}`);
    if (state.state === 'failed') throw new Error(`import failed: ${JSON.stringify(state.failure)}`);
    if (state.state !== 'running' || isAborted()) return state;
    await sleep(100);
  }
}

/** The whole import measurement; with baselines, raw COPY and raw INSERT of the same file afterwards. */
async function runImport({ run, rows, batch, baselines = true, db = IMPORT_DB }) {
  const file = csvFileFor(rows);
  let t = now();
  await writeCsv(file, rows);
  log(
    `import: ${file} (${mib(fs.statSync(file).size)} MiB, ${rows} rows; ${round((now() - t) / 1000, 1)} s to prepare)`,
  );
  await recreateDatabase(db);
  const logFile = path.join(ROOT, '.cache', 'logs', 'bench-import-learners.log');
  const { child, stop } = await startLearners({ run, batch, db, logFile });
  const out = { rows, batch, database: db, csvFile: file, csvMiB: mib(fs.statSync(file).size), log: logFile };
  try {
    const idle = memoryOf(child.pid);
    const sampler = sampleMemory(child.pid);
    const token = mintDevToken({ sub: 'bench-import', roles: ['province-admin'] });
    log(`import: POST ${rows} rows to learners :${IMPORT_PORT} (batch ${batch})`);
    const cpu0 = cpuSnapshot({ learners: child.pid });
    t = now();
    const res = await postCsv(file, token);
    const answeredSeconds = (now() - t) / 1000;
    if (res.status !== 200 && res.status !== 202)
      throw new Error(`import answered ${res.status}: ${res.body.slice(0, 500)}`);
    // A large file is answered 202 with a status resource: the import is timed until it says done.
    const answer =
      res.status === 202 ? await untilImported(res.location, token, () => run.aborted) : JSON.parse(res.body);
    const importSeconds = (now() - t) / 1000;
    const cpu = cpuDelta(cpu0, cpuSnapshot({ learners: child.pid }));
    const drained = await waitFor(
      async () => (await countIn(db, 'SELECT count(*) AS n FROM outbox')) === 0,
      30 * 60_000,
      () => run.aborted,
    );
    const drainedSeconds = (now() - t) / 1000;
    const samples = sampler.stop().filter((s) => s.at >= t && s.at <= t + importSeconds * 1000);
    const quarter = (q) =>
      samples[Math.min(samples.length - 1, Math.floor((samples.length * q) / 4))]?.rss ?? 0;
    Object.assign(out, {
      accepted: answer.accepted,
      rejected: answer.rejected,
      stored: await countIn(db, 'SELECT count(*) AS n FROM learner'),
      answeredStatus: res.status,
      answeredSeconds: round(answeredSeconds, 2),
      importSeconds: round(importSeconds, 2),
      importRowsPerSecond: round(rows / importSeconds, 0),
      drained,
      drainedSeconds: drained ? round(drainedSeconds, 2) : null,
      idleRssMiB: mib(idle.rss),
      rssMiBAtQuarters: [1, 2, 3, 4].map((q) => mib(quarter(q))),
      peakRssMiB: mib(memoryOf(child.pid).hwm),
      cpuDuringImport: cpu,
      clearCitizenIdRows: await countIn(
        db,
        `SELECT count(*) AS n FROM learner WHERE citizen_id_sealed ~ '^[0-9]{12}$'`,
      ),
    });
    log(
      `import: ${out.accepted} accepted, ${out.rejected} rejected in ${out.importSeconds} s = ${out.importRowsPerSecond} rows/s; peak RSS ${out.peakRssMiB} MiB`,
    );
    if (!drained) run.note('import: the outbox was not empty within 30 min');
  } finally {
    await stop();
  }
  if (!baselines || run.aborted) return out;

  const copySeconds = await rawCopy({ db, file, columns: CSV_COLUMNS });
  if (copySeconds === null) run.note('raw COPY skipped: psql not found');
  const insertSeconds = run.aborted
    ? null
    : await rawMultiRowInsert({ db, file, columns: CSV_COLUMNS, batch });
  const cryptoSeconds = run.aborted ? null : await requiredCryptoAlone(file);
  Object.assign(out, {
    requiredCryptoSeconds: round(cryptoSeconds, 2),
    requiredCryptoRowsPerSecond: cryptoSeconds ? round(rows / cryptoSeconds, 0) : null,
    rawCopySeconds: round(copySeconds, 2),
    rawCopyRowsPerSecond: copySeconds ? round(rows / copySeconds, 0) : null,
    rawInsertSeconds: round(insertSeconds, 2),
    rawInsertRowsPerSecond: insertSeconds ? round(rows / insertSeconds, 0) : null,
  });
  log(
    `raw COPY ${out.rawCopyRowsPerSecond} rows/s, raw multi-row INSERT ${out.rawInsertRowsPerSecond} rows/s, the required cryptography alone ${out.requiredCryptoRowsPerSecond} rows/s`,
  );
  return out;
}

/**
 * What the import must compute for each row, alone in this process: the citizen ID's blind index
 * (HMAC-SHA-256) and the citizen ID and full name sealed with AES-256-GCM, as the learners service does
 * (key objects, IVs drawn in blocks). The CSV is read in memory first: only the cryptography is timed.
 */
async function requiredCryptoAlone(file) {
  const rows = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header || !line) {
      header = false;
      continue;
    }
    const [citizenId, fullName] = line.split(',', 2);
    rows.push([citizenId, fullName]);
  }
  const hashKey = crypto.randomBytes(32);
  const key = crypto.createSecretKey(crypto.randomBytes(32));
  let ivs = Buffer.alloc(0);
  let used = 0;
  const seal = (plain, context) => {
    if (used + 12 > ivs.length) {
      ivs = crypto.randomBytes(12 * 4096);
      used = 0;
    }
    const iv = ivs.subarray(used, (used += 12));
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = cipher.update(plain, 'utf8');
    cipher.final();
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  };
  const t0 = now();
  let sink = 0;
  for (const [citizenId, fullName] of rows) {
    sink += crypto.createHmac('sha256', hashKey).update(citizenId).digest('hex').length;
    sink += seal(citizenId, 'citizenId').length + seal(fullName, 'fullName').length;
  }
  const seconds = (now() - t0) / 1000;
  return sink > 0 ? seconds : null;
}

module.exports = { IMPORT_PORT, IMPORT_DB, runImport };
