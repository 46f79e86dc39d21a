// bench:reporting's dataset: synthetic learners of the registry and their certificates, produced as
// CloudEvents (Kafka binary mode) straight onto reporting's topics, so that the consumers the platform runs
// apply them; then the wait until reporting's consumer group has committed the end of those topics.
// Also the reset that empties reporting's projections between runs, and the bump of the projection version.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const { ROOT } = require('./machine.cjs');
const { TOPIC_PREFIX, GROUP_PREFIX, DB_PREFIX, PORTS } = require('./platform.cjs');
const { idempotentProducer, produceAll } = require('./kafka.cjs');
const { cpuSnapshot, cpuDelta } = require('./proc.cjs');
const { now, round, sleep, log, tcpOpen, pgServerUrl } = require('./util.cjs');

const REPORTING_DB = `${DB_PREFIX}_reporting`;
const REPORTING_GROUP = `${GROUP_PREFIX}reporting`;
const LEARNERS_GROUP = `${GROUP_PREFIX}learners`;
const REGISTERED = 'learners.learner-registered.v1';
const ISSUED = 'certification.certificate-issued.v1';
const REVOKED = 'certification.certificate-revoked.v1';
const physical = (topic) => `${TOPIC_PREFIX}${topic}`;
/** Reporting's tables that the events do not rebuild: units come once (learners' first start), figures by hand. */
const KEPT_TABLES = ['administrative_unit', 'official_figure', 'projection_version', 'migrations', 'outbox'];
const REVOKED_EVERY = 50; // 2 % of the certified
const CHUNK = 20_000; // learners generated and produced at a time

// Roughly Lai Châu's population by ethnic group (2019 census): Thái, Mông, Kinh, Dao, Hà Nhì, Giáy, ...
const ETHNICITY = weighted([
  ['03', 32],
  ['08', 24.5],
  ['01', 14.5],
  ['09', 13.5],
  ['35', 5.5],
  ['25', 4.5],
  ['41', 2.2],
  ['29', 1.3],
  ['42', 1.2],
  ['45', 0.9],
  ['48', 0.5],
  ['02', 0.5],
  ['50', 0.2],
  [null, 0.8],
]);
// Birth years by level, so that ages fit the level in 2025.
const STUDENT_LEVEL = weighted([
  [{ level: 'PRIMARY', from: 2014, to: 2018 }, 30],
  [{ level: 'LOWER_SECONDARY', from: 2010, to: 2013 }, 28],
  [{ level: 'UPPER_SECONDARY', from: 2007, to: 2009 }, 20],
  [{ level: 'VOCATIONAL', from: 2000, to: 2008 }, 12],
  [{ level: 'HIGHER_EDUCATION', from: 2000, to: 2006 }, 10],
]);
const GROUP = weighted([
  [{ groups: ['CITIZEN'], from: 1940, to: 2007 }, 68],
  [{ groups: ['STUDENT'] }, 16],
  [{ groups: ['PUBLIC_SECTOR'], from: 1965, to: 2002 }, 7],
  [{ groups: ['ENTERPRISE_WORKER'], from: 1965, to: 2006 }, 8],
  [{ groups: ['ENTERPRISE_WORKER', 'STUDENT'], level: 'VOCATIONAL', from: 1990, to: 2006 }, 1],
]);

function weighted(entries) {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let sum = 0;
  const cumulative = entries.map(([value, w]) => [value, (sum += w) / total]);
  return (x) => cumulative.find(([, c]) => x < c)?.[0] ?? cumulative.at(-1)[0];
}

/** mulberry32: the same attributes for the same seed, whatever the run. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Communes and wards of the province on the 2025 map, from the learners service's reference file. */
function communes2025() {
  const text = fs.readFileSync(
    path.join(ROOT, 'apps/learners/src/units/data/lai-chau-units-2025.csv'),
    'utf8',
  );
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((f) => f[4] === '12' && (f[3] === 'commune' || f[3] === 'ward'))
    .map((f) => f[0]);
}

const day = (ms) => new Date(ms).toISOString();
const YEAR_2025 = Date.UTC(2025, 0, 2, 1);
const DAY_MS = 86_400_000;

const pad = (n) => String(n).padStart(2, '0');
const between = (r, from, to) => from + Math.floor(r() * (to - from + 1));

/** One learner of the registry: a group, a birth date that fits it, a commune, the traits breakdowns read. */
function registrationOf(i, { runId, units, r }) {
  const kind = GROUP(r());
  const student = kind.groups.includes('STUDENT') && !kind.level ? STUDENT_LEVEL(r()) : null;
  const span = student ?? kind;
  const birthYear = between(r, span.from, span.to);
  return {
    learnerId: crypto.randomUUID(),
    learnerKey: crypto.createHash('sha256').update(`bench-reporting:${runId}:${i}`).digest('hex'),
    unitCode: units(r()),
    unitMap: '2025',
    villageCode: null,
    householdId: null,
    dateOfBirth: `${birthYear}-${pad(between(r, 1, 12))}-${pad(between(r, 1, 28))}`,
    birthYear,
    sex: r() < 0.5 ? 'male' : 'female',
    ethnicity: ETHNICITY(r()),
    disability: r() < 0.02,
    poorHousehold: r() < 0.25,
    groups: kind.groups,
    studentLevel: student?.level ?? kind.level ?? null,
    vneidStatus: 'none',
    digitalBankAccount: false,
    registeredAt: day(YEAR_2025 + Math.floor(r() * 280 * DAY_MS)),
  };
}

/** Issued 3-44 days after the registration, in the learner's commune. */
function certificateOf(i, learner, { runId, r }) {
  return {
    certificateId: crypto.randomUUID(),
    certificateNo: `SYNTHETIC-bench-reporting-${runId}-${i}`,
    learnerKey: learner.learnerKey,
    programme: 'CITIZEN_BASIC',
    unitCode: learner.unitCode,
    unitMap: '2025',
    dateOfBirth: learner.dateOfBirth,
    issuedAt: day(Date.parse(learner.registeredAt) + between(r, 3, 44) * DAY_MS),
    sourceEventId: crypto.randomUUID(),
  };
}

/** Revoked 5-19 days after the issue. */
function revocationOf(certificate, r) {
  return {
    certificateId: certificate.certificateId,
    certificateNo: certificate.certificateNo,
    learnerKey: certificate.learnerKey,
    programme: certificate.programme,
    unitCode: certificate.unitCode,
    revokedAt: day(Date.parse(certificate.issuedAt) + between(r, 5, 19) * DAY_MS),
    reason: 'synthetic revocation (bench:reporting)',
    sourceEventId: crypto.randomUUID(),
  };
}

/** The learners i of [from, to), each with a certificate and a revocation or not. Keys are new every run. */
function* syntheticLearners({ from, to, learners, certified, runId, units, r }) {
  for (let i = from; i < to; i++) {
    const registration = registrationOf(i, { runId, units, r });
    // Bresenham: exactly `certified` of `learners`, evenly spread; every REVOKED_EVERY-th of those revoked.
    const rank = Math.floor((i * certified) / learners);
    const isCertified = Math.floor(((i + 1) * certified) / learners) > rank;
    const certificate = isCertified ? certificateOf(i, registration, { runId, r }) : null;
    const revoked = certificate && rank % REVOKED_EVERY === REVOKED_EVERY - 1;
    yield { registration, certificate, revocation: revoked ? revocationOf(certificate, r) : null };
  }
}

/** CloudEvents binary mode as the outbox relay writes it (libs/shared/messaging/src/cloud-event.ts). */
function cloudEvent(topic, source, key, data) {
  return {
    key,
    value: Buffer.from(JSON.stringify(data)),
    headers: {
      ce_specversion: '1.0',
      ce_id: crypto.randomUUID(),
      ce_type: topic,
      ce_source: source,
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
    },
  };
}

/** Commune weights between 0.4 and 1.6: communes differ in size as they do. */
function communePicker(r) {
  const codes = communes2025();
  return { codes, pick: weighted(codes.map((code) => [code, 0.4 + 1.2 * r()])) };
}

/** Messages still to be committed by the group on the topics (never-committed partitions count from low). */
async function lagOf(kadmin, groupId, topics) {
  const out = {};
  for (const topic of topics) {
    const [ends, [committed]] = await Promise.all([
      kadmin.fetchTopicOffsets(topic),
      kadmin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    out[topic] = ends.reduce((sum, end) => {
      const c = Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
      return sum + Number(end.high) - (c < 0 ? Number(end.low) : c);
    }, 0);
  }
  return out;
}

/**
 * Polls each group's lag every second until it is 0 on all of its topics (polling starts once everything is
 * produced). Per group: seconds since t0 when it was done (null if not in time), and when each topic was.
 */
async function waitCommitted({ run, kadmin, groups, t0, timeoutMs, label }) {
  const deadline = now() + timeoutMs;
  const out = Object.fromEntries(groups.map((g) => [g.groupId, { seconds: null, doneAt: {} }]));
  let lastLog = 0;
  for (;;) {
    let left = 0;
    for (const { groupId, topics } of groups) {
      const o = out[groupId];
      if (o.seconds !== null) continue;
      const lag = await lagOf(kadmin, groupId, topics);
      const at = round((now() - t0) / 1000, 1);
      for (const [topic, n] of Object.entries(lag)) if (n === 0) o.doneAt[topic] ??= at;
      const total = Object.values(lag).reduce((s, n) => s + n, 0);
      if (total === 0) o.seconds = at;
      else o.lagLeft = lag;
      left += total;
    }
    if (left === 0 || run.aborted || now() > deadline) return out;
    if (now() - lastLog > 10_000) {
      log(`  ${label}: ${left} messages not yet committed`);
      lastLog = now();
    }
    await sleep(1000);
  }
}

async function withReportingDb(fn) {
  const client = new Client({ connectionString: `${pgServerUrl()}/${REPORTING_DB}` });
  try {
    await client.connect();
  } catch (error) {
    if (error.code === '3D000') return null; // no database yet: the platform creates it
    throw error;
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Empties reporting's projections and its inbox (KEPT_TABLES stay) and bumps the version, so that a run
 * measures its own dataset. Reporting must not be running: its in-memory answers would outlive the rows.
 */
async function resetReporting() {
  if (await tcpOpen(PORTS.reporting))
    throw new Error(`something answers on :${PORTS.reporting} (a bench platform?); stop it first`);
  return withReportingDb(async (c) => {
    const { rows } = await c.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND NOT tablename = ANY($1)`,
      [KEPT_TABLES],
    );
    const tables = rows.map((r) => r.tablename).sort();
    if (tables.length > 0) await c.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')}`);
    await c.query('UPDATE projection_version SET version = version + 1 WHERE id = 1').catch(() => undefined);
    log(`reporting emptied: ${tables.join(', ') || '(no tables yet)'}`);
    return tables;
  });
}

/**
 * Deletes the dataset's topics and reporting's consumer group (the platform must be stopped), so that the
 * topics hold this run's events only: a rebuild replays them from offset 0 and must find what the live
 * projections were built from.
 */
async function resetTopics(kadmin) {
  const existing = new Set(await kadmin.listTopics());
  const topics = [REGISTERED, ISSUED, REVOKED].map(physical).filter((t) => existing.has(t));
  await kadmin.deleteGroups([`${GROUP_PREFIX}reporting`]).catch(() => undefined);
  if (topics.length > 0) await kadmin.deleteTopics({ topics, timeout: 30_000 });
  log(`topics emptied: ${topics.join(', ') || '(none yet)'}`);
}

/** Rows of the tables the dataset fills, and the projection version, straight from the database. */
const reportingCounts = () =>
  withReportingDb(async (c) => {
    const { rows } = await c.query(
      `SELECT (SELECT count(*) FROM learner_profile)::int AS "learnerProfiles",
              (SELECT count(*) FROM qualification)::int AS qualifications,
              (SELECT count(*) FROM revocation)::int AS revocations,
              (SELECT version FROM projection_version WHERE id = 1)::text AS version`,
    );
    return rows[0];
  });

/**
 * Produces the dataset chunk by chunk (registrations, then that chunk's certificates and revocations),
 * timed from the first produce until reporting's group has committed the end of the three topics.
 */
async function loadDataset({ run, ctx, learners, certified, runId, timeoutMin }) {
  const { kafka, kadmin } = ctx;
  const r = rng(20251202);
  const units = communePicker(r);
  const topics = [REGISTERED, ISSUED, REVOKED].map(physical);
  const before = await reportingCounts();
  const producer = idempotentProducer(kafka);
  await producer.connect();
  const counts = { registered: 0, issued: 0, revoked: 0 };
  const bytes = { registered: 0, issued: 0 };
  log(`dataset: ${learners} learners over ${units.codes.length} communes, ${certified} certified`);
  const cpu0 = cpuSnapshot(ctx.pids());
  const t0 = now();
  try {
    for (let from = 0; from < learners && !run.aborted; from += CHUNK) {
      const batch = [
        ...syntheticLearners({
          from,
          to: Math.min(learners, from + CHUNK),
          learners,
          certified,
          runId,
          units: units.pick,
          r,
        }),
      ];
      const reg = batch.map((l) =>
        cloudEvent(REGISTERED, 'bdhvs/learners', l.registration.learnerId, l.registration),
      );
      const iss = batch.flatMap((l) =>
        l.certificate
          ? [cloudEvent(ISSUED, 'bdhvs/certification', l.certificate.learnerKey, l.certificate)]
          : [],
      );
      const rev = batch.flatMap((l) =>
        l.revocation
          ? [cloudEvent(REVOKED, 'bdhvs/certification', l.revocation.learnerKey, l.revocation)]
          : [],
      );
      counts.registered += await produceAll(producer, physical(REGISTERED), reg, () => run.aborted);
      counts.issued += await produceAll(producer, physical(ISSUED), iss, () => run.aborted);
      counts.revoked += await produceAll(producer, physical(REVOKED), rev, () => run.aborted);
      bytes.registered += reg.reduce((s, m) => s + m.value.length, 0);
      bytes.issued += iss.reduce((s, m) => s + m.value.length, 0);
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  const produceSeconds = (now() - t0) / 1000;
  const events = counts.registered + counts.issued + counts.revoked;
  log(`dataset: ${events} events produced in ${round(produceSeconds, 1)} s; waiting for reporting...`);
  // learners consumes the certificates too: its work competes with reporting's until it is done.
  const waits = await waitCommitted({
    run,
    kadmin,
    groups: [
      { groupId: REPORTING_GROUP, topics },
      { groupId: LEARNERS_GROUP, topics: [ISSUED, REVOKED].map(physical) },
    ],
    t0,
    timeoutMs: timeoutMin * 60_000,
    label: 'dataset',
  });
  const applied = waits[REPORTING_GROUP];
  const cpu = cpuDelta(cpu0, cpuSnapshot(ctx.pids()));
  const after = await reportingCounts();
  const out = {
    learners,
    certified,
    communes: units.codes.length,
    produced: counts,
    events,
    valueBytes: {
      registered: round(bytes.registered / Math.max(1, counts.registered)),
      issued: round(bytes.issued / Math.max(1, counts.issued)),
    },
    rowsBefore: before,
    rowsAfter: after,
    produceSeconds: round(produceSeconds, 1),
    producePerSecond: round(events / produceSeconds),
    appliedSeconds: applied.seconds,
    appliedPerSecond: applied.seconds ? round(events / applied.seconds) : null,
    appliedByTopic: applied.doneAt,
    learnersCommittedSeconds: waits[LEARNERS_GROUP].seconds,
    cpu,
  };
  if (applied.seconds === null)
    run.note(`dataset: reporting had not applied everything (${JSON.stringify(applied.lagLeft)} left)`);
  else
    log(`dataset: reporting applied ${events} events in ${applied.seconds} s = ${out.appliedPerSecond} /s`);
  return out;
}

/** One more learner registered: every answer reporting keeps becomes stale. Waits until it is applied. */
async function bumpVersion({ run, ctx, runId, index }) {
  const r = rng(index);
  const units = communePicker(r);
  const [learner] = syntheticLearners({
    from: index,
    to: index + 1,
    learners: 1,
    certified: 0,
    runId: `${runId}-bump`,
    units: units.pick,
    r,
  });
  const producer = idempotentProducer(ctx.kafka);
  await producer.connect();
  try {
    await produceAll(
      producer,
      physical(REGISTERED),
      [cloudEvent(REGISTERED, 'bdhvs/learners', learner.registration.learnerId, learner.registration)],
      () => run.aborted,
    );
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  const t0 = now();
  const done = (
    await waitCommitted({
      run,
      kadmin: ctx.kadmin,
      groups: [{ groupId: REPORTING_GROUP, topics: [physical(REGISTERED)] }],
      t0,
      timeoutMs: 120_000,
      label: 'version bump',
    })
  )[REPORTING_GROUP];
  if (done.seconds === null) throw new Error('reporting did not apply one more learner within 120 s');
  return done.seconds;
}

module.exports = {
  resetTopics,
  REPORTING_DB,
  rng,
  communePicker,
  syntheticLearners,
  resetReporting,
  reportingCounts,
  loadDataset,
  bumpVersion,
};
