#!/usr/bin/env node
// `npm run bench:pipeline [-- --n 50000 --concurrency 64 --json FILE]`
//
// Throughput of the certification pipeline on the real broker and database, against the bare limits of
// the same broker and database measured in the same run:
//
//   A  accept   signed VNeID webhook calls through the gateway -> 202 (durably stored in certification)
//   B  visible  first push -> the province's indicator d numerator has grown by every accepted event
//               (certification -> outbox -> Kafka certification.certificate-issued.v1 -> reporting)
//   raw Kafka   idempotent keyed acks=-1 sendBatch of N same-sized messages to a fresh 6-partition topic,
//               then one fresh consumer group reading them all (topic and groups deleted afterwards)
//   raw PG      N single-row INSERT commits into a throw-away table of bdhvs_bench_reporting, dropped afterwards
//
// Everything targets 127.0.0.1. The platform runs on its own ports (gateway 28080, services 23001-23005),
// topics prefixed `bench.`, consumer groups `bench-`, databases bdhvs_bench_*; it is stopped at the end, on error, on Ctrl-C
// and when the overall timeout expires (the figures gathered so far are still printed).
'use strict';

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { Kafka, logLevel } = require('kafkajs');
const { Pool } = require('pg');
const { startPlatform, infraUp, buildAll, SERVICES, ROOT } = require('./lib/platform.cjs');
const { mintDevToken } = require('./lib/dev-keys.cjs');
const { sign, syntheticCertification, syntheticCitizenId } = require('./lib/vneid.cjs');

// ---------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = {
    n: 50_000,
    concurrency: 64,
    json: null,
    timeoutMin: 20,
    waitE2eMin: 15,
    ignoreE2e: false,
    skipBaselines: false,
  };
  for (let i = 0; i < argv.length; i++) {
    let [flag, value] = argv[i].split(/=(.*)/s);
    const take = () => (value !== undefined ? value : argv[++i]);
    switch (flag) {
      case '--n':
        opts.n = Number(take());
        break;
      case '--concurrency':
        opts.concurrency = Number(take());
        break;
      case '--json':
        opts.json = take();
        break;
      case '--timeout-min':
        opts.timeoutMin = Number(take());
        break;
      case '--wait-e2e-min':
        opts.waitE2eMin = Number(take());
        break;
      case '--ignore-e2e':
        opts.ignoreE2e = true;
        break;
      case '--skip-baselines':
        opts.skipBaselines = true;
        break;
      case '-h':
      case '--help':
        console.log(`usage: npm run bench:pipeline [-- options]
  --n N               events (default 50000)
  --concurrency C     webhook calls in flight, also raw Postgres connections (default 64)
  --json FILE         also write the figures as JSON
  --timeout-min M     overall limit after the platform start; then stop and report (default 20)
  --wait-e2e-min M    wait at most M minutes for an e2e platform on :18080 to finish (default 15)
  --ignore-e2e        do not wait for it
  --skip-baselines    pipeline only`);
        process.exit(0);
      default:
        throw new Error(`unknown option ${argv[i]} (see --help)`);
    }
  }
  for (const k of ['n', 'concurrency', 'timeoutMin', 'waitE2eMin']) {
    if (!Number.isFinite(opts[k]) || opts[k] <= 0) throw new Error(`--${k} must be a positive number`);
  }
  opts.n = Math.floor(opts.n);
  opts.concurrency = Math.floor(opts.concurrency);
  return opts;
}

const PORTS = {
  gateway: 28080,
  learners: 23001,
  courses: 23002,
  certification: 23003,
  campaigns: 23004,
  reporting: 23005,
};
const HOST = '127.0.0.1';
const PROVINCE = '12';
// The bench's platform has topics, groups and databases of its own: nothing else on the broker sees it.
const TOPIC_PREFIX = 'bench.';
const ISSUED_TOPIC = `${TOPIC_PREFIX}certification.certificate-issued.v1`;
const GROUP_PREFIX = 'bench-';
/** Communes whose exact counts the e2e suite asserts (tests/platform-e2e): the bench leaves them alone. */
const E2E_COMMUNES = new Set(['03388', '03408']);
const E2E_GATEWAY_PORT = 18080;
const RELAY_BATCH = 500; // OutboxRelay default batchSize (libs/shared/messaging/src/outbox-relay.ts)
const SERVICE_POOL = 10; // Database default poolSize (libs/shared/service-runtime/src/database.ts)

// ---------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const round = (x, d = 0) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(d));
const log = (msg) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

function percentiles(samples) {
  if (samples.length === 0) return { p50: null, p95: null, p99: null, max: null };
  const s = Float64Array.from(samples).sort();
  const at = (p) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return {
    p50: round(at(50), 1),
    p95: round(at(95), 1),
    p99: round(at(99), 1),
    max: round(s[s.length - 1], 1),
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]);
}

function tcpOpen(port, host = HOST) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function machineFacts() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  let kafka = '4.1.1';
  try {
    kafka =
      /^KAFKA_VERSION="([^"]+)"/m.exec(
        fs.readFileSync(path.join(ROOT, 'scripts/infra/infra.sh'), 'utf8'),
      )?.[1] ?? kafka;
  } catch {
    /* keep the default */
  }
  return {
    nproc: Number(sh('nproc', [])) || os.availableParallelism(),
    cpuModel: model,
    memTotalGiB: round(memKb / 1024 / 1024, 1),
    node: process.version,
    kafka,
    kernel: os.release(),
  };
}

function loadNow() {
  return { loadavg: os.loadavg().map((x) => round(x, 2)), uptime: sh('uptime', []) };
}

// CPU seconds used by a process (utime + stime), from /proc; null once it has gone.
const CLK_TCK = Number(sh('getconf', ['CLK_TCK'])) || 100;
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Pids of the PostgreSQL server processes and of the Kafka broker (shared with whatever else runs). */
function infraPids() {
  const postgres = [];
  let kafka = null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'postgres') postgres.push(Number(entry));
      else if (comm === 'java' && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('kafka.Kafka'))
        kafka = Number(entry);
    } catch {
      /* gone */
    }
  }
  return { postgres, kafka };
}

/** A CPU-time snapshot of the platform's processes, the broker, PostgreSQL and this script. */
function cpuSnapshot(platform) {
  const { postgres, kafka } = infraPids();
  const snap = { at: now(), self: process.cpuUsage(), procs: {}, postgres: new Map() };
  for (const [name, child] of Object.entries(platform?.processes ?? {}))
    snap.procs[name] = cpuSeconds(child.pid);
  if (kafka) snap.procs['kafka broker'] = cpuSeconds(kafka);
  for (const pid of postgres) snap.postgres.set(pid, cpuSeconds(pid));
  return snap;
}

function cpuDelta(a, b) {
  const wall = (b.at - a.at) / 1000;
  const out = {};
  for (const name of Object.keys(b.procs)) {
    if (a.procs[name] !== null && a.procs[name] !== undefined && b.procs[name] !== null)
      out[name] = b.procs[name] - a.procs[name];
  }
  // Backends that started during the interval count from zero; those that ended are lost (pools keep theirs).
  let pg = 0;
  for (const [pid, t] of b.postgres) if (t !== null) pg += t - (a.postgres.get(pid) ?? 0);
  out['postgresql (all backends)'] = pg;
  const self = process.cpuUsage(a.self);
  out['bench client (this script)'] = (self.user + self.system) / 1e6;
  return {
    wallSeconds: round(wall, 1),
    cpuSeconds: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, round(v, 1)])),
    coresBusy: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, round(v / wall, 2)])),
  };
}

// ---------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------

/** POST over a keep-alive agent: cheaper for the load generator than fetch on a 2-core machine. */
function postRaw(agent, port, urlPath, headers, body) {
  return new Promise((resolve) => {
    const req = http.request({ host: HOST, port, path: urlPath, method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
      res.once('error', () => resolve('network-error'));
    });
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.once('error', (e) => resolve(e.message === 'timeout' ? 'timeout' : 'network-error'));
    req.end(body);
  });
}

async function getJson(url, token) {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: res.ok && text ? JSON.parse(text) : text };
}

async function provinceD(gateway, token) {
  const { status, body } = await getJson(
    `${gateway}/api/v1/reporting/indicators?unit=${PROVINCE}&period=2025&indicator=d`,
    token,
  );
  if (status !== 200)
    throw new Error(`indicators for ${PROVINCE}: HTTP ${status} ${String(body).slice(0, 200)}`);
  return { numerator: body[0].numerator, eventCount: body[0].eventCount };
}

// ---------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------

const results = {
  command: `npm run bench:pipeline -- ${process.argv.slice(2).join(' ')}`.trim(),
  startedAt: new Date().toISOString(),
  status: 'running',
  options: null,
  machine: null,
  load: {},
  notes: [],
  pipeline: {},
  rawKafka: null,
  rawPostgres: null,
  ratios: {},
};
const cleanups = []; // async functions, run in reverse order by finish()
let aborted = false;
let finishing = null;
let opts;

function note(text) {
  results.notes.push(text);
  log(`note: ${text}`);
}

async function main() {
  opts = parseArgs(process.argv.slice(2));
  results.options = { ...opts };
  results.machine = machineFacts();
  results.load.before = loadNow();
  const runId = `bench-${Date.now()}`;
  results.runId = runId;
  log(
    `run ${runId}: n=${opts.n} concurrency=${opts.concurrency}; machine ${results.machine.nproc} cpu ${results.machine.cpuModel}, ${results.machine.memTotalGiB} GiB, node ${results.machine.node}`,
  );
  log(`load before: ${results.load.before.uptime}`);

  // 1. Infrastructure, bundles, other platforms, our platform.
  infraUp();
  const missing = [...SERVICES, 'gateway'].filter(
    (name) => !fs.existsSync(path.join(ROOT, 'dist/apps', name, 'main.js')),
  );
  if (missing.length > 0) {
    log(`building (missing bundles: ${missing.join(', ')})...`);
    buildAll();
  }
  await waitForE2e();
  const others = [];
  for (const [label, port] of [
    ['gateway :8080', 8080],
    ...SERVICES.map((s, i) => [`${s} :${3001 + i}`, 3001 + i]),
    ['e2e gateway :18080', E2E_GATEWAY_PORT],
  ]) {
    if (await tcpOpen(port)) others.push(label);
  }
  if (others.length > 0) {
    note(
      `other platform processes were listening while the bench ran (${others.join(', ')}): they share the broker and PostgreSQL, and those on the default ports also the bdhvs_* databases`,
    );
  }
  results.otherPlatformPorts = others;

  const overallTimer = setTimeout(() => {
    aborted = true;
    note(`overall timeout of ${opts.timeoutMin} min reached; stopping with the figures gathered so far`);
    void finish('timeout', 2);
  }, opts.timeoutMin * 60_000);
  overallTimer.unref();

  log(
    'starting the platform (gateway :28080, services :23001-23005, topics bench.*, groups bench-*, databases bdhvs_bench_*)...',
  );
  const starting = startPlatform({
    dbPrefix: 'bdhvs_bench',
    groupPrefix: GROUP_PREFIX,
    topicPrefix: TOPIC_PREFIX,
    ports: PORTS,
    logLevel: 'warn',
    logDir: path.join(ROOT, '.cache', 'logs', 'bench'),
  });
  // Registered before the start completes, so that a timeout or signal meanwhile still stops it.
  let platformStopped = null;
  const stopPlatform = () =>
    (platformStopped ??= (async () => {
      const started = await starting.catch(() => null);
      if (!started) return;
      log('stopping the platform...');
      await started.stop();
      log('platform stopped');
    })());
  cleanups.push(stopPlatform);
  const platform = await starting;
  if (aborted) return;
  const gateway = platform.urls.gateway;
  const secret = platform.secrets.VNEID_HMAC_SECRET;
  const admin = mintDevToken({ sub: 'bench-admin', roles: ['province-admin'] });
  const adapter = mintDevToken({ sub: 'bench-vneid-adapter', roles: ['vneid-adapter'] });
  log(`platform up; logs in ${platform.logDir}`);

  // Units reach reporting as events from learners.
  const unitsDeadline = Date.now() + 300_000;
  for (;;) {
    const { status } = await getJson(
      `${gateway}/api/v1/reporting/indicators?unit=${PROVINCE}&period=2025`,
      admin,
    ).catch(() => ({ status: 0 }));
    if (status === 200) break;
    if (Date.now() > unitsDeadline || aborted)
      throw new Error(`reporting does not know unit ${PROVINCE} after 5 min (last HTTP ${status})`);
    await sleep(500);
  }

  // 2. The events: new synthetic citizens, pre-signed.
  let communes = [];
  for (let attempt = 0; attempt < 60 && communes.length === 0; attempt++) {
    const { status, body } = await getJson(`${gateway}/api/v1/learners/units?map=2025`, admin);
    if (status !== 200) throw new Error(`GET /api/v1/learners/units?map=2025: HTTP ${status}`);
    communes = body.filter((u) => u.type === 'commune' || u.type === 'ward');
    if (communes.length === 0) await sleep(500);
  }
  const listed = communes.length;
  communes = communes.filter((c) => !E2E_COMMUNES.has(c.code));
  if (communes.length === 0) throw new Error('no communes listed by the learners service');
  results.communes = { listed, used: communes.length, skippedForE2e: [...E2E_COMMUNES] };
  log(
    `${listed} communes listed; events spread over ${communes.length} (skipping the e2e suite's ${[...E2E_COMMUNES].join(', ')})`,
  );

  const { events, seed } = await newCitizens(platform, opts.n, runId, communes);
  results.citizenSerialSeed = seed;
  const path_ = '/api/v1/certification/vneid-events';
  const signed = events.map((e) => {
    const body = Buffer.from(JSON.stringify(e));
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        authorization: `Bearer ${adapter}`,
        'x-vneid-signature': sign(body, secret),
      },
    };
  });
  results.pipeline.webhookBodyBytes = round(signed.reduce((s, x) => s + x.body.length, 0) / signed.length, 0);
  log(
    `${opts.n} events generated and signed (mean body ${results.pipeline.webhookBodyBytes} B); citizen serial seed ${seed}`,
  );

  const before = await provinceD(gateway, admin);
  results.pipeline.numeratorBefore = before.numerator;
  results.pipeline.eventCountBefore = before.eventCount;

  const kafka = new Kafka({
    clientId: 'bench-pipeline',
    brokers: [`${HOST}:9092`],
    logLevel: logLevel.NOTHING,
  });
  const kadmin = kafka.admin();
  await kadmin.connect();
  cleanups.push(() => kadmin.disconnect());
  const highOf = async (topic) =>
    (await kadmin.fetchTopicOffsets(topic)).reduce((s, p) => s + Number(p.high), 0);
  const issuedHighBefore = await highOf(ISSUED_TOPIC);

  // Warm the connections (one request per slot, a token read) so that connection set-up is not timed.
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: opts.concurrency,
    maxFreeSockets: opts.concurrency,
  });
  cleanups.push(async () => agent.destroy());
  await Promise.all(
    Array.from(
      { length: opts.concurrency },
      () =>
        new Promise((resolve) => {
          const req = http.get({ host: HOST, port: PORTS.gateway, path: '/health/ready', agent }, (res) => {
            res.resume();
            res.once('end', resolve);
          });
          req.once('error', resolve);
        }),
    ),
  );

  // 3. Phase A (accept) with a cheap watcher of the issued topic's end offsets (relay progress).
  const cpu0 = cpuSnapshot(platform);
  const relayTimeline = [];
  let watching = true;
  const t0 = now();
  const watcher = (async () => {
    while (watching && !aborted) {
      try {
        relayTimeline.push([now() - t0, (await highOf(ISSUED_TOPIC)) - issuedHighBefore]);
      } catch {
        /* the next sample will do */
      }
      await sleep(250);
    }
  })();
  const latencies = new Float64Array(opts.n);
  const statuses = {};
  let next = 0;
  let done = 0;
  const progress = setInterval(() => {
    const s = (now() - t0) / 1000;
    log(`  phase A: ${done}/${opts.n} answered, ${round(done / s)} /s`);
  }, 5000);
  async function worker() {
    while (!aborted) {
      const i = next++;
      if (i >= opts.n) return;
      const start = now();
      const status = await postRaw(agent, PORTS.gateway, path_, signed[i].headers, signed[i].body);
      latencies[i] = now() - start;
      statuses[status] = (statuses[status] ?? 0) + 1;
      done++;
    }
  }
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.n) }, worker));
  const tA = (now() - t0) / 1000;
  clearInterval(progress);
  const cpuA = cpuSnapshot(platform);
  const accepted = statuses['202'] ?? 0;
  Object.assign(results.pipeline, {
    acceptSeconds: round(tA, 2),
    statuses,
    accepted,
    nonAccepted: done - accepted,
    acceptedPerSecond: round(accepted / tA, 1),
    latencyMs: percentiles(latencies.subarray(0, done)),
    cpuDuringAccept: cpuDelta(cpu0, cpuA),
  });
  log(
    `phase A: ${accepted} accepted (202) of ${done} in ${round(tA, 2)} s = ${results.pipeline.acceptedPerSecond} /s; statuses ${JSON.stringify(statuses)}; latency ms ${JSON.stringify(results.pipeline.latencyMs)}`,
  );
  if (done - accepted > 0)
    note(`${done - accepted} webhook calls were not answered 202: ${JSON.stringify(statuses)}`);
  if (aborted) return;

  // 4. Phase B (visible): poll the province's d numerator every 250 ms. Polling starts when phase A
  // ends: nothing can be fully visible before the last event is accepted, and the indicator query
  // (a DISTINCT ON over the projection) would otherwise compete with the pipeline for the database.
  const target = before.numerator + accepted;
  const visibleTimeline = [];
  let visibleAt = null;
  let last = before;
  let lastLog = 0;
  let lastChange = now();
  let lastSeen = before.numerator;
  while (!aborted) {
    try {
      last = await provinceD(gateway, admin);
    } catch (error) {
      log(`  phase B: ${error.message}`);
    }
    const t = (now() - t0) / 1000;
    visibleTimeline.push([round(t, 2), last.numerator - before.numerator]);
    if (visibleTimeline.length === 1)
      results.pipeline.visibleAtEndOfAccept = last.numerator - before.numerator;
    if (last.numerator >= target) {
      visibleAt = t;
      break;
    }
    if (last.numerator !== lastSeen) {
      lastSeen = last.numerator;
      lastChange = now();
    } else if (now() - lastChange > 180_000) {
      note(
        `phase B gave up: the numerator stayed at ${last.numerator} (${target - last.numerator} short) for 3 min`,
      );
      break;
    }
    if (t - lastLog >= 5) {
      lastLog = t;
      const rel = relayTimeline.at(-1)?.[1] ?? 0;
      log(
        `  phase B: ${last.numerator - before.numerator}/${accepted} visible, ${rel} published by the relay, t=${round(t, 1)} s`,
      );
    }
    await sleep(250);
  }
  watching = false;
  await watcher;
  const cpuB = cpuSnapshot(platform);
  const relayDone = relayTimeline.find(([, n]) => n >= accepted);
  Object.assign(results.pipeline, {
    numeratorAfter: last.numerator,
    eventCountAfter: last.eventCount,
    visibleSeconds: round(visibleAt, 2),
    endToEndPerSecond: visibleAt ? round(accepted / visibleAt, 1) : null,
    relayPublishedAllSeconds: relayDone ? round(relayDone[0] / 1000, 2) : null,
    relayPublishedPerSecond: relayDone ? round(accepted / (relayDone[0] / 1000), 1) : null,
    projectionAfterAcceptPerSecond:
      visibleAt && visibleAt > tA
        ? round((accepted - results.pipeline.visibleAtEndOfAccept) / (visibleAt - tA), 1)
        : null,
    cpuAcceptToVisible: cpuDelta(cpu0, cpuB),
    visibleTimeline: thin(visibleTimeline, 200),
    relayTimeline: thin(
      relayTimeline.map(([t, n]) => [round(t / 1000, 2), n]),
      200,
    ),
  });
  if (!visibleAt) return;
  log(
    `phase B: all ${accepted} visible ${round(visibleAt, 2)} s after the first push = ${results.pipeline.endToEndPerSecond} /s end to end (relay had published all at ${results.pipeline.relayPublishedAllSeconds} s)`,
  );
  if (last.numerator > target)
    note(
      `the numerator grew by ${last.numerator - before.numerator}, more than the ${accepted} accepted here: someone else certified learners in the province meanwhile`,
    );

  // A real certificate-issued message, for the size of the raw baseline's messages.
  const sample = await sampleIssuedMessage(kafka, kadmin, runId).catch((error) => {
    note(
      `could not read a real ${ISSUED_TOPIC} message (${error.message}); the raw baseline uses a synthesized one`,
    );
    return synthesizedSample();
  });
  results.sampleMessage = {
    source: sample.source,
    keyBytes: sample.key.length,
    valueBytes: sample.value.length,
    headerBytes: sample.headerBytes,
  };
  log(
    `${ISSUED_TOPIC} message (${sample.source}): key ${sample.key.length} B, value ${sample.value.length} B, headers ${sample.headerBytes} B`,
  );

  // The baselines run on an idle machine as far as this bench is concerned: the platform is stopped first.
  await stopPlatform();
  if (opts.skipBaselines || aborted) return;

  // 5a. Raw Kafka.
  results.rawKafka = await rawKafka(kafka, kadmin, sample, opts.n, runId);
  // 5b. Raw PostgreSQL: at the bench's concurrency, and at a service's pool size.
  if (aborted) return;
  results.rawPostgres = await rawPostgres(sample, opts.n, opts.concurrency, runId);
}

function thin(points, max) {
  if (points.length <= max) return points;
  const step = points.length / max;
  const out = Array.from({ length: max }, (_, i) => points[Math.floor(i * step)]);
  out.push(points.at(-1));
  return out;
}

async function waitForE2e() {
  if (opts.ignoreE2e || !(await tcpOpen(E2E_GATEWAY_PORT))) return;
  // The e2e platform reads the same topics with its own groups: our events would queue ahead of its
  // barriers and compete for the two cores. Wait for it to finish first.
  log(
    `an e2e platform answers on :${E2E_GATEWAY_PORT}; waiting up to ${opts.waitE2eMin} min for it to finish (--ignore-e2e skips this)...`,
  );
  const deadline = Date.now() + opts.waitE2eMin * 60_000;
  while (Date.now() < deadline) {
    await sleep(5000);
    if (!(await tcpOpen(E2E_GATEWAY_PORT))) {
      log('e2e platform gone; going on');
      await sleep(2000);
      return;
    }
  }
  note(
    `an e2e platform was still running on :${E2E_GATEWAY_PORT} after ${opts.waitE2eMin} min; the bench ran alongside it`,
  );
}

/**
 * N certifications of citizens this database has never seen: a learner already certified for the
 * programme would be a duplicate (no event) and would not move the numerator. The citizen ID serial
 * is seed + i/110 (i mod 110 fixes year of birth and sex), with a seed checked against both databases.
 */
async function newCitizens(platform, n, runId, communes) {
  const span = Math.ceil(n / 110) + 1;
  if (span > 900_000) throw new Error('--n too large for the synthetic citizen ID space');
  const dbBase = (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(
    /\/[^/]*$/,
    '',
  );
  const hashKey = platform.secrets.PII_HASH_KEY;
  const cert = new Pool({ connectionString: `${dbBase}/bdhvs_bench_certification`, max: 1 });
  const rep = new Pool({ connectionString: `${dbBase}/bdhvs_bench_reporting`, max: 1 });
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      // Above the demo data's and e2e suite's serials (0 .. ~400k from index-based IDs).
      const seed = 500_000 + crypto.randomInt(0, 1_000_000 - 500_000 - span);
      const events = [];
      for (let i = 0; i < n; i++) {
        const month = 1 + (i % 10);
        const e = syntheticCertification({
          index: i,
          unitCode: communes[i % communes.length].code,
          runId,
          occurredAt: `2025-${String(month).padStart(2, '0')}-15T03:00:00Z`,
        });
        e.citizenId = syntheticCitizenId(
          seed + Math.floor(i / 110),
          e.dateOfBirth,
          i % 2 === 0 ? 'male' : 'female',
        );
        events.push(e);
      }
      const keys = events.map((e) => crypto.createHmac('sha256', hashKey).update(e.citizenId).digest('hex'));
      if (new Set(keys).size !== n) throw new Error('synthetic citizen IDs are not unique');
      const [{ rows: c }, { rows: r }] = await Promise.all([
        cert.query('SELECT count(*)::int AS n FROM certificate WHERE learner_key = ANY($1)', [keys]),
        rep.query('SELECT count(*)::int AS n FROM qualification WHERE learner_key = ANY($1)', [keys]),
      ]);
      if (c[0].n === 0 && r[0].n === 0) return { events, seed };
      log(`citizen seed ${seed} overlaps ${c[0].n + r[0].n} known learners; drawing another`);
    }
    throw new Error('could not find unused synthetic citizen IDs');
  } finally {
    await Promise.all([cert.end(), rep.end()]);
  }
}

async function sampleIssuedMessage(kafka, kadmin, runId) {
  const groupId = `${runId}-sample`;
  const offsets = await kadmin.fetchTopicOffsets(ISSUED_TOPIC);
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: ISSUED_TOPIC, fromBeginning: false });
    let resolveGot;
    const got = new Promise((resolve) => (resolveGot = resolve));
    await consumer.run({ autoCommit: false, eachMessage: async ({ message }) => resolveGot(message) });
    for (const p of offsets) {
      if (Number(p.high) > Number(p.low))
        consumer.seek({ topic: ISSUED_TOPIC, partition: p.partition, offset: String(Number(p.high) - 1) });
    }
    const message = await withTimeout(got, 30_000, 'reading a sample message');
    const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
    return {
      source: 'read from the topic',
      key: Buffer.from(message.key ?? ''),
      value: Buffer.from(message.value ?? ''),
      headers,
      headerBytes: Object.entries(headers).reduce(
        (s, [k, v]) => s + Buffer.byteLength(k) + Buffer.byteLength(v),
        0,
      ),
    };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await kadmin.deleteGroups([groupId]).catch(() => undefined);
  }
}

/** The same fields as ReceiveVneidEventService.issue() puts in the outbox. */
function synthesizedSample() {
  const learnerKey = crypto.randomBytes(32).toString('hex');
  const value = Buffer.from(
    JSON.stringify({
      certificateId: crypto.randomUUID(),
      certificateNo: 'SYNTHETIC-bench-0000000000000-0000000',
      learnerKey,
      programme: 'CITIZEN_BASIC',
      unitCode: '03388',
      unitMap: '2025',
      dateOfBirth: '1980-01-01',
      issuedAt: '2025-01-15T03:00:00.000Z',
      sourceEventId: crypto.randomUUID(),
    }),
  );
  const headers = {
    ce_specversion: '1.0',
    ce_id: crypto.randomUUID(),
    ce_type: ISSUED_TOPIC,
    ce_source: 'bdhvs/certification',
    ce_time: new Date().toISOString(),
    'content-type': 'application/json',
    ce_subject: 'SYNTHETIC-bench-0000000000000-0000000',
    traceparent: `00-${crypto.randomBytes(16).toString('hex')}-${crypto.randomBytes(8).toString('hex')}-01`,
  };
  return {
    source: 'synthesized',
    key: Buffer.from(learnerKey),
    value,
    headers,
    headerBytes: Object.entries(headers).reduce(
      (s, [k, v]) => s + Buffer.byteLength(k) + Buffer.byteLength(v),
      0,
    ),
  };
}

async function rawKafka(kafka, kadmin, sample, n, runId) {
  const topic = `bench.raw-${runId.slice('bench-'.length)}`;
  const groupId = `${runId}-raw`;
  const out = { topic, partitions: 6, messages: n, batchSize: 1000, valueBytes: sample.value.length };
  log(
    `raw Kafka: topic ${topic}, ${n} messages of ${sample.value.length} B (+ the same ${Object.keys(sample.headers).length} headers), idempotent, acks=-1, sendBatch of 1000`,
  );
  await kadmin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: 6, replicationFactor: 1 }],
  });
  cleanups.push(async () => {
    await kadmin.deleteGroups([groupId]).catch(() => undefined);
    await kadmin
      .deleteTopics({ topics: [topic] })
      .catch((e) => log(`could not delete ${topic}: ${e.message}`));
    log(`raw Kafka topic ${topic} and group ${groupId} deleted`);
  });
  // Prepared before the clock: distinct keys (like learner keys), one ce_id per message.
  const batches = [];
  for (let i = 0; i < n; i += 1000) {
    const messages = [];
    for (let j = i; j < Math.min(n, i + 1000); j++) {
      messages.push({
        key: crypto.createHash('sha256').update(`${runId}:${j}`).digest('hex'),
        value: sample.value,
        headers: { ...sample.headers, ce_id: crypto.randomUUID() },
      });
    }
    batches.push(messages);
  }
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const tp0 = now();
  let sent = 0;
  try {
    for (const messages of batches) {
      if (aborted) break;
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
      sent += messages.length;
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  const tp = (now() - tp0) / 1000;
  Object.assign(out, { produced: sent, produceSeconds: round(tp, 2), producePerSecond: round(sent / tp, 1) });
  log(`raw Kafka produce: ${sent} in ${round(tp, 2)} s = ${out.producePerSecond} /s`);
  if (aborted) return out;

  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  let received = 0;
  let tFirst = null;
  let tLast = null;
  const tc0 = now();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const all = new Promise((resolve) => {
      void consumer.run({
        eachBatch: async ({ batch }) => {
          tFirst ??= now();
          received += batch.messages.length;
          if (received >= sent) {
            tLast = now();
            resolve();
          }
        },
      });
    });
    await withTimeout(all, 300_000, 'raw consume');
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  const consumeAll = (tLast - tc0) / 1000;
  const consumeData = (tLast - tFirst) / 1000;
  Object.assign(out, {
    consumed: received,
    consumeSecondsInclJoin: round(consumeAll, 2),
    consumeSecondsFromFirstBatch: round(consumeData, 2),
    consumePerSecondInclJoin: round(received / consumeAll, 1),
    consumePerSecond: round(received / Math.max(consumeData, 0.001), 1),
    produceThenConsumeSeconds: round(tp + consumeAll, 2),
    produceThenConsumePerSecond: round(sent / (tp + consumeAll), 1),
  });
  log(
    `raw Kafka consume: ${received} in ${round(consumeAll, 2)} s incl. group join (${round(consumeData, 2)} s from the first batch); produce+consume ${out.produceThenConsumePerSecond} /s`,
  );
  return out;
}

async function rawPostgres(sample, n, concurrency, runId) {
  const dbBase = (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(
    /\/[^/]*$/,
    '',
  );
  const table = `bench_raw_${runId.slice('bench-'.length)}`;
  const probe = new Pool({ connectionString: `${dbBase}/bdhvs_bench_reporting`, max: 1 });
  const out = { database: 'bdhvs_bench_reporting', table, rowPayloadBytes: sample.value.length, runs: [] };
  try {
    const { rows } = await probe.query(
      `SELECT current_setting('max_connections')::int AS max, (SELECT count(*)::int FROM pg_stat_activity) AS used,
              current_setting('synchronous_commit') AS sync, current_setting('fsync') AS fsync, version() AS version`,
    );
    Object.assign(out, {
      synchronousCommit: rows[0].sync,
      fsync: rows[0].fsync,
      version: rows[0].version.split(' on ')[0],
    });
    // A regular (WAL-logged) table: a TEMP table skips the WAL and would not be a durable-write floor.
    await probe.query(
      `CREATE TABLE ${table} (id bigint PRIMARY KEY, event_id uuid NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    cleanups.push(async () => {
      const p = new Pool({ connectionString: `${dbBase}/bdhvs_bench_reporting`, max: 1 });
      await p
        .query(`DROP TABLE IF EXISTS ${table}`)
        .catch((e) => log(`could not drop ${table}: ${e.message}`));
      await p.end();
      log(`table ${table} dropped`);
    });
    const free = rows[0].max - rows[0].used - 10; // leave room for the reserved slots and everyone else
    const levels = [...new Set([Math.max(1, Math.min(concurrency, free)), SERVICE_POOL])];
    if (levels[0] < concurrency)
      note(
        `raw PostgreSQL concurrency capped at ${levels[0]} (max_connections ${rows[0].max}, ${rows[0].used} in use)`,
      );
    const payload = sample.value.toString('utf8');
    let nextId = 0;
    for (const c of levels) {
      if (aborted) break;
      const pool = new Pool({ connectionString: `${dbBase}/bdhvs_bench_reporting`, max: c });
      try {
        await Promise.all(Array.from({ length: c }, () => pool.query('SELECT 1'))); // open the connections
        const latencies = new Float64Array(n);
        const base = nextId;
        nextId += n;
        let i = 0;
        const t0 = now();
        await Promise.all(
          Array.from({ length: c }, async () => {
            while (!aborted) {
              const k = i++;
              if (k >= n) return;
              const s = now();
              await pool.query(`INSERT INTO ${table} (id, event_id, payload) VALUES ($1, $2, $3)`, [
                base + k,
                crypto.randomUUID(),
                payload,
              ]);
              latencies[k] = now() - s;
            }
          }),
        );
        const t = (now() - t0) / 1000;
        const rowsDone = Math.min(i, n);
        const run = {
          connections: c,
          rows: rowsDone,
          seconds: round(t, 2),
          rowsPerSecond: round(rowsDone / t, 1),
          latencyMs: percentiles(latencies.subarray(0, rowsDone)),
        };
        out.runs.push(run);
        log(
          `raw PostgreSQL: ${rowsDone} single-row INSERT commits over ${c} connections in ${run.seconds} s = ${run.rowsPerSecond} /s`,
        );
      } finally {
        await pool.end();
      }
    }
  } finally {
    await probe.end();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------

function computeRatios() {
  const p = results.pipeline;
  const k = results.rawKafka;
  const pg = results.rawPostgres?.runs ?? [];
  const ratio = (a, b) => (a && b ? round(a / b, 3) : null);
  results.ratios = {
    acceptedVsRawProduce: ratio(p.acceptedPerSecond, k?.producePerSecond),
    endToEndVsRawProduceThenConsume: ratio(p.endToEndPerSecond, k?.produceThenConsumePerSecond),
    acceptedVsRawPostgres: ratio(p.acceptedPerSecond, pg[0]?.rowsPerSecond),
    acceptedVsRawPostgresAtPoolSize: ratio(
      p.acceptedPerSecond,
      pg.find((r) => r.connections === SERVICE_POOL)?.rowsPerSecond,
    ),
    endToEndVsRawPostgres: ratio(p.endToEndPerSecond, pg[0]?.rowsPerSecond),
  };
}

function printReport() {
  computeRatios();
  const p = results.pipeline;
  const k = results.rawKafka;
  const pg = results.rawPostgres;
  const m = results.machine ?? {};
  const f = (x, unit = '') => (x === null || x === undefined ? '-' : `${x}${unit}`);
  const rows = [
    [
      'pipeline A: accepted (202) / s',
      f(p.acceptedPerSecond),
      `${f(p.accepted)} of ${f(results.options?.n)} in ${f(p.acceptSeconds, ' s')}, non-202: ${f(p.nonAccepted)}`,
    ],
    [
      'pipeline A: latency p50 / p95 / p99',
      `${f(p.latencyMs?.p50)} / ${f(p.latencyMs?.p95)} / ${f(p.latencyMs?.p99)} ms`,
      `max ${f(p.latencyMs?.max, ' ms')}, ${f(results.options?.concurrency)} in flight`,
    ],
    [
      'pipeline: relay published all',
      f(p.relayPublishedAllSeconds, ' s'),
      `${f(p.relayPublishedPerSecond)} /s from the first push`,
    ],
    [
      'pipeline B: visible in indicator d',
      f(p.visibleSeconds, ' s'),
      `${f(p.visibleAtEndOfAccept)} visible when A ended`,
    ],
    ['pipeline B: end-to-end / s', f(p.endToEndPerSecond), 'accepted / time to all visible'],
    [
      'raw Kafka produce / s',
      f(k?.producePerSecond),
      `${f(k?.produced)} x ${f(k?.valueBytes, ' B')} in ${f(k?.produceSeconds, ' s')}`,
    ],
    [
      'raw Kafka consume / s',
      f(k?.consumePerSecond),
      `${f(k?.consumeSecondsFromFirstBatch, ' s')} from 1st batch; ${f(k?.consumeSecondsInclJoin, ' s')} incl. join`,
    ],
    [
      'raw Kafka produce then consume / s',
      f(k?.produceThenConsumePerSecond),
      `${f(k?.produceThenConsumeSeconds, ' s')} in all`,
    ],
    ...(pg?.runs ?? []).map((r) => [
      `raw PostgreSQL commits / s (${r.connections} conn)`,
      f(r.rowsPerSecond),
      `${r.rows} rows in ${r.seconds} s; p50/p99 ${r.latencyMs.p50}/${r.latencyMs.p99} ms`,
    ]),
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log('\n=== bench:pipeline ===');
  console.log(`run ${results.runId} (${results.status}); ${results.startedAt}`);
  console.log(
    `machine: ${m.nproc} cpu, ${m.cpuModel}, ${m.memTotalGiB} GiB RAM, node ${m.node}, Kafka ${m.kafka}, ${pg?.version ?? 'PostgreSQL'} (synchronous_commit=${pg?.synchronousCommit ?? '?'}, fsync=${pg?.fsync ?? '?'})`,
  );
  console.log(`load before: ${results.load.before?.uptime ?? '-'}`);
  console.log(`load after:  ${results.load.after?.uptime ?? '-'}`);
  console.log('');
  for (const r of rows) console.log(`  ${r[0].padEnd(w0)}  ${r[1].padStart(w1)}   ${r[2]}`);
  console.log('\nratios:');
  const r = results.ratios;
  console.log(`  pipeline accepted/s  vs raw Kafka produce/s            ${f(r.acceptedVsRawProduce)}`);
  console.log(
    `  pipeline end-to-end/s vs raw Kafka produce+consume/s   ${f(r.endToEndVsRawProduceThenConsume)}`,
  );
  console.log(
    `  pipeline accepted/s  vs raw PostgreSQL commits/s       ${f(r.acceptedVsRawPostgres)} (at ${f(pg?.runs?.[0]?.connections)} conn), ${f(r.acceptedVsRawPostgresAtPoolSize)} (at ${SERVICE_POOL} conn)`,
  );
  for (const [label, cpu] of [
    ['accept phase', p.cpuDuringAccept],
    ['first push to all visible', p.cpuAcceptToVisible],
  ]) {
    if (!cpu) continue;
    console.log(
      `\ncores busy during the ${label} (${cpu.wallSeconds} s; broker and PostgreSQL include other users):`,
    );
    for (const [name, v] of Object.entries(cpu.coresBusy).sort((a, b) => b[1] - a[1]))
      console.log(`  ${name.padEnd(28)} ${v}`);
  }
  if (results.notes.length > 0) console.log(`\nnotes:\n${results.notes.map((n) => `  - ${n}`).join('\n')}`);
}

async function finish(status, code) {
  finishing ??= (async () => {
    aborted = true;
    if (results.status === 'running') results.status = status;
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop();
      await withTimeout(Promise.resolve().then(cleanup), 180_000, 'cleanup').catch((e) =>
        log(`cleanup: ${e.message}`),
      );
    }
    results.load.after = loadNow();
    results.finishedAt = new Date().toISOString();
    printReport();
    if (opts?.json) {
      fs.mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
      fs.writeFileSync(opts.json, `${JSON.stringify(results, null, 2)}\n`);
      console.log(`\nfigures written to ${opts.json}`);
    }
    process.exit(code);
  })();
  return finishing;
}

process.on('SIGINT', () => {
  note('interrupted');
  void finish('interrupted', 130);
});
process.on('SIGTERM', () => {
  note('terminated');
  void finish('terminated', 143);
});

main().then(
  () =>
    finish(
      results.pipeline.visibleSeconds ? 'complete' : 'incomplete',
      results.pipeline.visibleSeconds ? 0 : 1,
    ),
  (error) => {
    console.error(error.stack ?? error.message);
    note(`failed: ${error.message.split('\n')[0]}`);
    return finish('failed', 1);
  },
);
