#!/usr/bin/env node
// `npm run bench:xapi [-- --statements 20000 --concurrency 16 --singles 3000 --json FILE]`
//
// xAPI statement intake of the LRS through the gateway (POST /api/v1/courses/xapi/statements, HTTP Basic
// with a credential issued for the run): statements in batches of 100 and one at a time, C calls in flight
// (the project's closed-loop load generator over keep-alive node:http), then, on the same PostgreSQL in the
// same run, the bare limit: the same rows (as the LRS stores them: JSONB, index arrays) written by plain
// multi-row INSERTs of 100 and single-row INSERT commits into a copy of the table, with the same
// concurrency. A platform of its own: gateway :27080, services :27001-27005, databases bdhvs_bench_xapi_*
// recreated and dropped, topics `bench-xapi-<run>.*` deleted afterwards.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { Pool } = require('pg');
const { parseOptions } = require('./lib/bench/args.cjs');
const { createRun } = require('./lib/bench/run.cjs');
const { ROOT, machineFacts, postgresFacts, describeMachine } = require('./lib/bench/machine.cjs');
const { infraUp, buildAll, startPlatform, SERVICES, DEFAULT_PORTS } = require('./lib/platform.cjs');
const { mintDevToken } = require('./lib/dev-keys.cjs');
const { keepAliveAgent, warmUp, postRaw } = require('./lib/bench/http.cjs');
const { closedLoop } = require('./lib/bench/load.cjs');
const { createKafka } = require('./lib/bench/kafka.cjs');
const { recreateDatabase } = require('./lib/bench/postgres.cjs');
const { cpuSnapshot, cpuDelta } = require('./lib/bench/proc.cjs');
const { HOST, round, log, percentiles, pgServerUrl } = require('./lib/bench/util.cjs');

const opts = parseOptions(
  {
    statements: { type: 'int', default: 20_000, help: 'statements sent in batches of 100' },
    singles: { type: 'int', default: 3_000, help: 'statements sent one per call' },
    concurrency: { type: 'int', default: 16, help: 'calls in flight (and raw INSERT connections)' },
    agents: { type: 'int', default: 1_000, help: 'distinct actors (xAPI accounts) the statements go round' },
    json: { type: 'string', help: 'also write the figures as JSON (default .cache/bench-xapi.json)' },
    'timeout-min': { type: 'number', default: 15, help: 'stop with what is measured after M min' },
  },
  { usage: 'npm run bench:xapi [-- options]' },
);

const PORTS = Object.fromEntries(
  Object.entries(DEFAULT_PORTS).map(([name, port]) => [name, name === 'gateway' ? 27080 : port + 24_000]),
);
const DB_PREFIX = 'bdhvs_bench_xapi';
const COURSES_DB = `${DB_PREFIX}_courses`;
const HOME = 'https://mooc.laichau.edu.vn';
const BATCH = 100;

function printReport(r) {
  const x = r.xapi ?? {};
  const line = (label, m) =>
    m
      ? `  ${label.padEnd(38)} ${String(m.statementsPerSecond).padStart(8)} statements/s   ${String(m.callsPerSecond).padStart(7)} calls/s   p50 ${m.latencyMs.p50} ms   p99 ${m.latencyMs.p99} ms   ${JSON.stringify(m.statuses ?? {})}`
      : `  ${label.padEnd(38)} (not measured)`;
  console.log(`\nbench:xapi (${r.status}) — ${r.command}`);
  if (r.machine) console.log(`machine: ${describeMachine(r.machine, r.postgres)}`);
  console.log(
    `load before: ${JSON.stringify(r.load.before?.loadavg)}, after: ${JSON.stringify(r.load.after?.loadavg)}`,
  );
  console.log(`concurrency ${x.concurrency}, ${x.agents} actors`);
  console.log(line(`LRS, batches of ${BATCH} (gateway)`, x.batch100));
  console.log(line('LRS, batches of 1 (gateway)', x.batch1));
  console.log(line(`raw multi-row INSERT of ${BATCH}`, x.raw100));
  console.log(line('raw single-row INSERT commits', x.raw1));
  if (x.stored !== undefined)
    console.log(`  statements stored by the LRS: ${x.stored} (expected ${x.expected})`);
  for (const n of r.notes) console.log(`note: ${n}`);
}

const run = createRun({
  command: `npm run bench:xapi -- ${process.argv.slice(2).join(' ')}`.trim(),
  jsonFile: opts.json ?? path.join(ROOT, '.cache', 'bench-xapi.json'),
  report: printReport,
});
run.limit(opts.timeoutMin);

function statement(i, agents) {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: HOME, name: `learner-${i % agents}` } },
    verb: {
      id: 'http://adlnet.gov/expapi/verbs/experienced',
      display: { 'en-US': 'experienced', vi: 'đã xem' },
    },
    object: {
      objectType: 'Activity',
      id: `${HOME}/courses/BASIC-VNEID/lessons/${i % 40}`,
      definition: { name: { vi: `Bài ${i % 40}` }, type: 'http://adlnet.gov/expapi/activities/lesson' },
    },
    context: {
      registration: randomUUID(),
      contextActivities: { parent: [{ id: `${HOME}/courses/BASIC-VNEID` }] },
      platform: 'Moodle',
      language: 'vi',
    },
    result: {
      duration: 'PT4M30S',
      extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': i % 100 },
    },
    timestamp: new Date().toISOString(),
  };
}

async function lrsLoad({ label, bodies, perCall, agent, headers, pids }) {
  const cpu0 = cpuSnapshot(pids);
  const load = await closedLoop({
    n: bodies.length,
    concurrency: opts.concurrency,
    label,
    isAborted: () => run.aborted,
    call: (i) =>
      postRaw(
        agent,
        PORTS.gateway,
        '/api/v1/courses/xapi/statements',
        { ...headers, 'content-length': bodies[i].length },
        bodies[i],
      ),
  });
  const ok = load.statuses['200'] ?? 0;
  const m = {
    calls: load.done,
    statements: load.done * perCall,
    seconds: round(load.seconds, 2),
    callsPerSecond: round(load.done / load.seconds, 1),
    statementsPerSecond: round((ok * perCall) / load.seconds, 0),
    statuses: load.statuses,
    latencyMs: percentiles(load.latencies),
    cpu: cpuDelta(cpu0, cpuSnapshot(pids)),
  };
  log(
    `${label}: ${m.statementsPerSecond} statements/s, p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms`,
  );
  return m;
}

/** The rows as the LRS stored them, written again by plain INSERTs into a copy of its table. */
async function rawInserts({ label, rows, perCall }) {
  const pool = new Pool({ connectionString: `${pgServerUrl()}/${COURSES_DB}`, max: opts.concurrency });
  try {
    await pool.query('DROP TABLE IF EXISTS xapi_statement_raw');
    await pool.query('CREATE TABLE xapi_statement_raw (LIKE xapi_statement INCLUDING ALL)');
    const cols = [
      'id',
      'mooc',
      'statement',
      'received_sha256',
      'stored',
      'verb_id',
      'object_id',
      'registration',
      'agents',
      'related_agents',
      'activities',
      'related_activities',
      'actor_account',
      'attachment_hashes',
    ];
    const calls = [];
    for (let i = 0; i < rows.length; i += perCall) calls.push(rows.slice(i, i + perCall));
    const sql = `INSERT INTO xapi_statement_raw (${cols.join(', ')})
      SELECT id, mooc, statement::jsonb, received_sha256, stored, verb_id, object_id, registration,
             agents::text[], related_agents::text[], activities::text[], related_activities::text[], actor_account,
             attachment_hashes::text[]
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                    $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
          AS t(id, mooc, statement, received_sha256, stored, verb_id, object_id, registration, agents, related_agents,
               activities, related_activities, actor_account, attachment_hashes)`;
    const load = await closedLoop({
      n: calls.length,
      concurrency: opts.concurrency,
      label,
      isAborted: () => run.aborted,
      call: async (i) => {
        const batch = calls[i];
        await pool.query(sql, [
          batch.map(() => randomUUID()),
          ...cols
            .slice(1)
            .map((c) =>
              batch.map((r) =>
                r[c] !== null && typeof r[c] === 'object' && !(r[c] instanceof Date) && !Array.isArray(r[c])
                  ? JSON.stringify(r[c])
                  : Array.isArray(r[c])
                    ? `{${r[c].map((v) => JSON.stringify(String(v))).join(',')}}`
                    : r[c],
              ),
            ),
        ]);
        return 200;
      },
    });
    const m = {
      calls: load.done,
      statements: load.done * perCall,
      seconds: round(load.seconds, 2),
      callsPerSecond: round(load.done / load.seconds, 1),
      statementsPerSecond: round((load.done * perCall) / load.seconds, 0),
      statuses: load.statuses,
      latencyMs: percentiles(load.latencies),
    };
    log(
      `${label}: ${m.statementsPerSecond} statements/s, p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms`,
    );
    return m;
  } finally {
    await pool.query('DROP TABLE IF EXISTS xapi_statement_raw').catch(() => undefined);
    await pool.end();
  }
}

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
  const runId = Date.now().toString(36);
  const topicPrefix = `bench-xapi-${runId}.`;
  for (const name of SERVICES) await recreateDatabase(`${DB_PREFIX}_${name}`);
  run.onCleanup(async () => {
    const pool = new Pool({ connectionString: `${pgServerUrl()}/postgres`, max: 1 });
    for (const name of SERVICES)
      await pool.query(`DROP DATABASE IF EXISTS ${DB_PREFIX}_${name} WITH (FORCE)`);
    await pool.end();
    log(`dropped the databases ${DB_PREFIX}_*`);
  });
  run.onCleanup(async () => {
    const kadmin = createKafka('bench-xapi-cleanup').admin();
    await kadmin.connect();
    try {
      const topics = (await kadmin.listTopics()).filter((t) => t.startsWith(topicPrefix));
      if (topics.length > 0) await kadmin.deleteTopics({ topics });
    } finally {
      await kadmin.disconnect();
    }
  });
  log(`starting the platform (gateway :${PORTS.gateway}, services :${PORTS.learners}-${PORTS.reporting})...`);
  const platform = await startPlatform({
    dbPrefix: DB_PREFIX,
    groupPrefix: `bench-xapi-${runId}-`,
    topicPrefix,
    ports: PORTS,
    logLevel: 'warn',
    logDir: path.join(ROOT, '.cache', 'logs', 'bench-xapi'),
    env: { KAFKA_TOPIC_PARTITIONS: '1' },
  });
  const stopPlatform = run.onCleanup(() => platform.stop());

  const admin = mintDevToken({ sub: 'bench-xapi-admin', roles: ['province-admin'] });
  const res = await fetch(`http://${HOST}:${PORTS.gateway}/api/v1/courses/lrs-credentials`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mooc: 'bench-xapi', label: 'bench:xapi' }),
  });
  if (res.status !== 201) throw new Error(`createLrsCredential: HTTP ${res.status}`);
  const { key, secret } = await res.json();
  const headers = {
    'content-type': 'application/json',
    'x-experience-api-version': '1.0.3',
    authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
  };
  const agent = keepAliveAgent(opts.concurrency);
  await warmUp(agent, PORTS.gateway, opts.concurrency);
  const pids = Object.fromEntries(Object.entries(platform.processes).map(([n, c]) => [n, c.pid]));
  const out = { concurrency: opts.concurrency, agents: opts.agents, logs: platform.logDir };
  run.results.xapi = out;

  const batches = Math.ceil(opts.statements / BATCH);
  const batchBodies = Array.from({ length: batches }, (_, b) =>
    Buffer.from(
      JSON.stringify(Array.from({ length: BATCH }, (_, j) => statement(b * BATCH + j, opts.agents))),
    ),
  );
  const singleBodies = Array.from({ length: opts.singles }, (_, i) =>
    Buffer.from(JSON.stringify(statement(i, opts.agents))),
  );
  log(`xapi: warm-up (20 calls)`);
  await lrsLoad({
    label: 'warm-up',
    bodies: singleBodies
      .slice(0, 20)
      .map((b) => Buffer.from(JSON.stringify({ ...JSON.parse(b), id: randomUUID() }))),
    perCall: 1,
    agent,
    headers,
    pids,
  });
  out.batch100 = await lrsLoad({
    label: `batches of ${BATCH}`,
    bodies: batchBodies,
    perCall: BATCH,
    agent,
    headers,
    pids,
  });
  out.batch1 = await lrsLoad({
    label: 'batches of 1',
    bodies: singleBodies,
    perCall: 1,
    agent,
    headers,
    pids,
  });
  agent.destroy();

  const pool = new Pool({ connectionString: `${pgServerUrl()}/${COURSES_DB}`, max: 1 });
  out.stored = Number((await pool.query('SELECT count(*)::int AS n FROM xapi_statement')).rows[0].n);
  out.expected = batches * BATCH + opts.singles + 20;
  const rows = (
    await pool.query(
      `SELECT mooc, statement, received_sha256, stored, verb_id, object_id, registration, agents, related_agents,
              activities, related_activities, actor_account, attachment_hashes FROM xapi_statement ORDER BY seq LIMIT $1`,
      [batches * BATCH],
    )
  ).rows;
  await pool.end();
  log('stopping the platform for the bare limit...');
  await stopPlatform();
  out.raw100 = await rawInserts({ label: `raw INSERT of ${BATCH}`, rows, perCall: BATCH });
  out.raw1 = await rawInserts({
    label: 'raw single-row INSERT',
    rows: rows.slice(0, opts.singles),
    perCall: 1,
  });
  return out.stored === out.expected;
});
