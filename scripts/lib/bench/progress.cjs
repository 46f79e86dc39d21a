// bench:progress: sustained MOOC progress intake (recordProgress) through the gateway, single calls with C
// in flight, on a platform of its own (gateway :25080, services :25001-25005, databases
// bdhvs_bench_progress_*, topics and groups prefixed per run), then the bare limit on the same PostgreSQL:
// single-row INSERT commits of the same rows at the same concurrency (and at 10 connections). The databases
// and topics are removed at the end.
'use strict';

const path = require('node:path');
const { startPlatform, SERVICES, DEFAULT_PORTS, ROOT } = require('../platform.cjs');
const { mintDevToken } = require('../dev-keys.cjs');
const { HEADER, syntheticRows } = require('./learners-csv.cjs');
const { keepAliveAgent, warmUp, postRaw } = require('./http.cjs');
const { closedLoop } = require('./load.cjs');
const { createKafka } = require('./kafka.cjs');
const { recreateDatabase, rawSingleRowCommits } = require('./postgres.cjs');
const { cpuSnapshot, cpuDelta } = require('./proc.cjs');
const { HOST, now, round, sleep, log, percentiles, pgServerUrl } = require('./util.cjs');
const { Client } = require('pg');

// Ports of its own, clear of npm start, the e2e suites and the other benches: gateway :25080, services
// :25001-25005 (the defaults plus 22000).
const PORTS = Object.fromEntries(
  Object.entries(DEFAULT_PORTS).map(([name, port]) => [name, name === 'gateway' ? 25080 : port + 22_000]),
);
const DB_PREFIX = 'bdhvs_bench_progress';
const COURSES_DB = `${DB_PREFIX}_courses`;

async function query(db, sql, params = []) {
  const client = new Client({ connectionString: `${pgServerUrl()}/${db}` });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function waitFor(what, check, { timeoutMs, isAborted }) {
  const deadline = Date.now() + timeoutMs;
  while (!isAborted()) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
  throw new Error(`${what}: aborted`);
}

async function api(method, urlPath, token, body, contentType = 'application/json') {
  const res = await fetch(`http://${HOST}:${PORTS.gateway}${urlPath}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body,
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${urlPath}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function dropDatabase(db) {
  await query('postgres', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
}

/** Fresh databases and per-run topics: every run measures its own data. */
async function startProgressPlatform(run, { runId, env }) {
  for (const name of SERVICES) await recreateDatabase(`${DB_PREFIX}_${name}`);
  const topicPrefix = `bench-progress-${runId}.`;
  log(
    `starting the platform (gateway :${PORTS.gateway}, services :${PORTS.learners}-${PORTS.reporting}, topics ${topicPrefix}*)...`,
  );
  // Cleanups run last-in first-out: the platform stops, then its topics go, then its databases.
  run.onCleanup(async () => {
    for (const name of SERVICES) await dropDatabase(`${DB_PREFIX}_${name}`);
    log(`dropped the databases ${DB_PREFIX}_*`);
  });
  const starting = startPlatform({
    dbPrefix: DB_PREFIX,
    groupPrefix: `bench-progress-${runId}-`,
    topicPrefix,
    ports: PORTS,
    logLevel: 'warn',
    logDir: path.join(ROOT, '.cache', 'logs', 'bench-progress'),
    env,
  });
  run.onCleanup(async () => {
    const kafka = createKafka('bench-progress-cleanup');
    const kadmin = kafka.admin();
    await kadmin.connect();
    try {
      const topics = (await kadmin.listTopics()).filter((t) => t.startsWith(topicPrefix));
      if (topics.length > 0) await kadmin.deleteTopics({ topics });
      log(`deleted ${topics.length} topics ${topicPrefix}*`);
    } finally {
      await kadmin.disconnect();
    }
  });
  run.onCleanup(async () => {
    const started = await starting.catch(() => null);
    if (!started) return;
    log('stopping the platform...');
    await started.stop();
  });
  return starting;
}

/** L learners imported through the gateway, then known to the courses service; a published course. */
async function prepareData(run, { learners, modules }) {
  const admin = mintDevToken({ sub: 'bench-progress-admin', roles: ['province-admin'] });
  const isAborted = () => run.aborted;
  // Units reach learners at start; the import checks communes against them.
  await waitFor(
    'the units in the learners service',
    async () =>
      (await query(`${DB_PREFIX}_learners`, 'SELECT count(*)::int AS n FROM administrative_unit'))[0].n > 100,
    { timeoutMs: 120_000, isAborted },
  );
  let csv = `${HEADER}\n`;
  for (const row of syntheticRows(learners)) csv += `${row}\n`;
  const t = now();
  const imported = await api('POST', '/api/v1/learners/learners/import', admin, csv, 'text/csv');
  if (imported.accepted !== learners) throw new Error(`import accepted ${imported.accepted} of ${learners}`);
  await waitFor(
    'the learners in the courses service',
    async () => (await query(COURSES_DB, 'SELECT count(*)::int AS n FROM learner'))[0].n === learners,
    { timeoutMs: 300_000, isAborted },
  );
  log(`${learners} learners imported and known to courses in ${round((now() - t) / 1000, 1)} s`);
  const course = await api('POST', '/api/v1/courses/courses', admin, {
    code: `BENCH-PROGRESS-${Date.now()}`,
    title: 'Bench: kỹ năng số cơ bản',
    groups: ['CITIZEN', 'STUDENT', 'PUBLIC_SECTOR', 'ENTERPRISE_WORKER'],
    mode: 'ONLINE',
    language: 'vi',
    competencies: ['BASIC-SMARTPHONE', 'BASIC-VNEID'],
    modules: Array.from({ length: modules }, (_, i) => ({
      code: `M${i + 1}`,
      title: `Module ${i + 1}`,
      required: true,
      competencies: [i % 2 === 0 ? 'BASIC-SMARTPHONE' : 'BASIC-VNEID'],
    })),
    completion: { rule: 'ALL_REQUIRED_MODULES' },
  });
  await api('POST', `/api/v1/courses/courses/${course.id}/publication`, admin);
  const ids = (await query(COURSES_DB, 'SELECT learner_id AS id FROM learner ORDER BY learner_id')).map(
    (r) => r.id,
  );
  return { courseId: course.id, learnerIds: ids };
}

/**
 * Call i reports learner i mod L at (round + 1) * step %, round = floor(i / L): every call raises a
 * learner's progress (a real write), the first round enrols (auto-enrolment), and the milestones at 25 %
 * and 50 % are published once per learner. Every tenth call of a round also completes a module.
 */
function progressBodies({ n, learnerIds, courseId, step, modules }) {
  const bodies = new Array(n);
  const L = learnerIds.length;
  for (let i = 0; i < n; i++) {
    const roundNo = Math.floor(i / L);
    const body = {
      learnerId: learnerIds[i % L],
      courseId,
      progressPercent: Math.min(100, (roundNo + 1) * step),
    };
    if (i % 10 === 0) body.moduleCode = `M${(roundNo % modules) + 1}`;
    bodies[i] = Buffer.from(JSON.stringify(body));
  }
  return bodies;
}

async function runProgress({
  run,
  n,
  concurrency,
  learners,
  step,
  modules,
  groupCommitMs,
  skipBaselines,
  target,
}) {
  const runId = Date.now().toString(36);
  const env = groupCommitMs === null ? {} : { COURSES_PROGRESS_GROUP_COMMIT_MS: String(groupCommitMs) };
  const platform = await startProgressPlatform(run, { runId, env });
  const out = { n, concurrency, learners, step, modules, groupCommitMs, target, logs: platform.logDir };
  // The entry point by default; `courses` skips the gateway hop, to tell its share.
  const port = PORTS[target];
  const { courseId, learnerIds } = await prepareData(run, { learners, modules });
  const bodies = progressBodies({ n, learnerIds, courseId, step, modules });
  const token = mintDevToken({ sub: 'bench-progress-mooc', roles: ['mooc-platform'] });
  const agent = keepAliveAgent(concurrency);
  await warmUp(agent, port, concurrency);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const pids = Object.fromEntries(
    Object.entries(platform.processes).map(([name, child]) => [name, child.pid]),
  );

  log(`progress: ${n} recordProgress calls to the ${target} (:${port}), ${concurrency} in flight`);
  const cpu0 = cpuSnapshot(pids);
  const load = await closedLoop({
    n,
    concurrency,
    label: 'progress',
    isAborted: () => run.aborted,
    call: (i) =>
      postRaw(
        agent,
        PORTS.gateway,
        '/api/v1/courses/progress',
        { ...headers, 'content-length': bodies[i].length },
        bodies[i],
      ),
  });
  const cpu = cpuDelta(cpu0, cpuSnapshot(pids));
  agent.destroy();
  Object.assign(out, {
    seconds: round(load.seconds, 2),
    callsPerSecond: round(load.done / load.seconds, 1),
    statuses: load.statuses,
    latencyMs: percentiles(load.latencies),
    cpu,
  });
  log(
    `progress: ${out.callsPerSecond} calls/s, p50 ${out.latencyMs.p50} ms, p99 ${out.latencyMs.p99} ms, statuses ${JSON.stringify(out.statuses)}`,
  );

  // What the calls did, checked in the database once the outbox has drained.
  const t = now();
  await waitFor(
    'the courses outbox drained',
    async () => (await query(COURSES_DB, 'SELECT count(*)::int AS n FROM outbox'))[0].n === 0,
    {
      timeoutMs: 300_000,
      isAborted: () => run.aborted,
    },
  );
  const [state] = await query(
    COURSES_DB,
    `SELECT count(*)::int AS enrolments, min(progress_percent) AS min, max(progress_percent) AS max,
            (SELECT count(*)::int FROM pending_intake) AS pending FROM enrolment`,
  );
  out.outboxDrainedSecondsAfterLoad = round((now() - t) / 1000, 1);
  out.stored = state;
  // Learners without a module completion end at (full rounds) x step; module completions only raise it.
  out.expected = {
    enrolments: Math.min(n, learners),
    minProgress: Math.min(100, Math.floor(n / learners) * step),
  };

  const payload = bodies[0].toString();
  if (!skipBaselines && !run.aborted) {
    log('stopping the platform for the bare limit...');
    await platform.stop();
    out.rawInsert = await rawSingleRowCommits({ run, db: COURSES_DB, payload, n, levels: [concurrency, 10] });
  }
  return out;
}

module.exports = { PORTS, DB_PREFIX, runProgress };
