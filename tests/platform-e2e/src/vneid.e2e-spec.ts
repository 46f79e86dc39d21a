import { execFileSync } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { Client } from 'pg';
import {
  Platform,
  VneidEvent,
  deleteTopics,
  dropDatabases,
  infraUp,
  mintDevToken,
  sign,
  startPlatform,
  until,
} from './platform';

// The VNeID integration through the entry point and the inbound topic, on a platform of its own: checks
// on arrival on both channels, refused events kept for review, a citizen VNeID made known registered, a
// correction counted once, reading a learner's certificates, the public check's rate limit, and the whole
// inbound topic replayed.
const RUN = `vne${Date.now().toString(36)}`;
const DB_PREFIX = `bdhvs_${RUN}`;
const GROUP_PREFIX = `${RUN}-`;
const TOPIC_PREFIX = `${RUN}.`;
const COMMUNE = '03388';
const OTHER_COMMUNE = '03408';
const THIRD_COMMUNE = '03637';
const INBOUND = 'vneid.certification-events.v1';
const ROOT = join(__dirname, '..', '..', '..');

let platform: Platform;
let gateway: string;
let secret: string;
const kafka = new Kafka({ clientId: RUN, brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING });
const kafkaAdmin = kafka.admin();
const producer = kafka.producer();
const admin = () => mintDevToken({ sub: 'e2e-vneid', roles: ['province-admin'] });
const adapter = () => mintDevToken({ sub: 'vneid-adapter', roles: ['vneid-adapter'] });

async function call(method: string, path: string, body?: unknown, token = admin()) {
  const res = await fetch(`${gateway}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

function citizen() {
  const year = 1960 + randomInt(0, 40);
  const sex = randomInt(0, 2) === 0 ? 'male' : 'female';
  return {
    citizenId: `012${sex === 'female' ? 1 : 0}${String(year).slice(2)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
    fullName: `Người học ${RUN} ${randomInt(0, 1e6)}`,
    dateOfBirth: `${year}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`,
    sex,
  };
}

function certification(person: ReturnType<typeof citizen>, overrides: Partial<VneidEvent> = {}): VneidEvent {
  return {
    eventId: randomUUID(),
    type: 'CERTIFIED',
    occurredAt: '2025-06-10T03:00:00Z',
    citizenId: person.citizenId,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    unitCode: COMMUNE,
    programme: 'CITIZEN_BASIC',
    certificateNo: `E2E-${RUN}-${randomUUID().slice(0, 8)}`,
    ...overrides,
  };
}

async function pushVneid(event: VneidEvent) {
  const body = JSON.stringify(event);
  const res = await fetch(`${gateway}/api/v1/certification/vneid-events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${adapter()}`,
      'x-vneid-signature': sign(body, secret),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function sendOnTopic(events: VneidEvent[]) {
  await producer.send({
    topic: `${TOPIC_PREFIX}${INBOUND}`,
    messages: events.map((e) => ({ key: e.citizenId, value: JSON.stringify(e) })),
  });
}

async function query<T>(service: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({
    connectionString: `postgres://postgres@127.0.0.1:5432/${DB_PREFIX}_${service}`,
  });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A consumer group of this platform has read every topic it consumes to the end. */
async function groupCaughtUp(group: string): Promise<boolean> {
  const topics = (await kafkaAdmin.listTopics()).filter(
    (t) => t.startsWith(TOPIC_PREFIX) && !t.endsWith('.dlq'),
  );
  const committed = await kafkaAdmin.fetchOffsets({ groupId: `${GROUP_PREFIX}${group}`, topics });
  for (const { topic, partitions } of committed) {
    if (partitions.every((p) => Number(p.offset) < 0)) continue;
    const ends = await kafkaAdmin.fetchTopicOffsets(topic);
    for (const end of ends) {
      const c = partitions.find((p) => p.partition === end.partition);
      if (Number(end.high) > 0 && Number(c?.offset ?? -1) < Number(end.high)) return false;
    }
  }
  return true;
}

/** Every outbox is empty and certification and reporting have read everything, twice in a row. */
async function drained(): Promise<void> {
  const deadline = Date.now() + 120_000;
  let consecutive = 0;
  while (consecutive < 2 && Date.now() < deadline) {
    let settled = true;
    for (const name of ['learners', 'certification']) {
      const [{ n }] = await query<{ n: number }>(name, 'SELECT count(*)::int AS n FROM outbox');
      if (n > 0) settled = false;
    }
    settled = settled && (await groupCaughtUp('certification')) && (await groupCaughtUp('reporting'));
    consecutive = settled ? consecutive + 1 : 0;
    await new Promise((r) => setTimeout(r, 300));
  }
  if (consecutive < 2) throw new Error('the platform did not settle in 120 s');
}

async function qualifiedAdults(unit: string, base = gateway): Promise<number> {
  const res = await fetch(`${base}/api/v1/reporting/indicators?unit=${unit}&period=2025&indicator=d`, {
    headers: { authorization: `Bearer ${admin()}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { numerator: number }[])[0].numerator;
}

function dlq(...args: string[]): string {
  return execFileSync(process.execPath, [join(ROOT, 'scripts', 'dlq.cjs'), ...args], {
    env: { ...process.env, KAFKA_TOPIC_PREFIX: TOPIC_PREFIX, KAFKA_BROKERS: '127.0.0.1:9092' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

beforeAll(async () => {
  infraUp();
  platform = await startPlatform({
    dbPrefix: DB_PREFIX,
    groupPrefix: GROUP_PREFIX,
    topicPrefix: TOPIC_PREFIX,
    logLevel: 'warn',
    env: { VERIFY_RATE_LIMIT_PER_MINUTE: '5' },
    ports: {
      gateway: 19580,
      learners: 19501,
      courses: 19502,
      certification: 19503,
      campaigns: 19504,
      reporting: 19505,
    },
  });
  gateway = platform.urls.gateway;
  secret = platform.secrets.VNEID_HMAC_SECRET;
  await kafkaAdmin.connect();
  await producer.connect();
  // Certification learns the reference units from the registry's events.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const known = await query('certification', 'SELECT 1 FROM known_unit WHERE code = ANY($1)', [
      [COMMUNE, OTHER_COMMUNE],
    ]).catch(() => []);
    if (
      known.length === 2 &&
      (await call('GET', `/api/v1/reporting/indicators?unit=${COMMUNE}&period=2025`)).status === 200
    )
      break;
    await new Promise((r) => setTimeout(r, 500));
  }
}, 300_000);

afterAll(async () => {
  await producer.disconnect();
  await platform?.stop();
  await deleteTopics(kafkaAdmin, TOPIC_PREFIX);
  await kafkaAdmin.disconnect();
  await dropDatabases(DB_PREFIX);
});

describe('VNeID events checked on arrival, through the entry point and the topic', () => {
  const bad: [string, Partial<VneidEvent>, string][] = [
    [
      'dated more than 5 minutes ahead',
      { occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
      'occurredAt',
    ],
    ['dated before the movement began', { occurredAt: '2024-12-31T16:00:00Z' }, 'occurredAt'],
    ['of a unit nobody announced', { unitCode: '99999' }, 'unitCode'],
    ['of a programme VNeID does not certify', { programme: 'NOT_A_PROGRAMME' }, 'programme'],
  ];

  it.each(bad)('answers 400 naming the field for an event %s', async (_name, overrides, field) => {
    const res = await pushVneid(certification(citizen(), overrides));
    expect(res.status).toBe(400);
    expect((res.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual([field]);
  });

  it('keeps the same events on the topic for review with their reasons, counts none, and lists them', async () => {
    const before = await qualifiedAdults(COMMUNE);
    const events = bad.map(([, overrides]) => certification(citizen(), overrides));
    const good = certification(citizen());
    await sendOnTopic([...events, good]);
    await drained();
    const listed = await call('GET', '/api/v1/certification/review-items?state=open&pageSize=200');
    expect(listed.status).toBe(200);
    const mine = (
      listed.body.items as { eventId: string; reason: string; detail: string; id: string }[]
    ).filter((i) => events.some((e) => e.eventId === i.eventId));
    expect(mine.map((i) => i.reason).sort()).toEqual(
      ['occurred-at', 'occurred-at', 'unknown-programme', 'unknown-unit'].sort(),
    );
    for (const [, , field] of bad) expect(mine.some((i) => i.detail.startsWith(`${field}:`))).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain(events[0].citizenId);
    expect(await qualifiedAdults(COMMUNE)).toBe(before + 1);
    const stored = await query(
      'certification',
      'SELECT certificate_no FROM certificate WHERE certificate_no = ANY($1)',
      [[...events, good].map((e) => e.certificateNo)],
    );
    expect(stored).toEqual([{ certificate_no: good.certificateNo }]);

    // Still refused on reprocessing (the unit is still unknown), then dismissed with a reason.
    const unknownUnit = mine.find((i) => i.reason === 'unknown-unit') as { id: string };
    const again = await call('POST', `/api/v1/certification/review-items/${unknownUnit.id}/reprocess`);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    const dismissed = await call('POST', `/api/v1/certification/review-items/${unknownUnit.id}/dismissal`, {
      reason: 'a test event of the adapter',
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ state: 'dismissed', closedBy: 'e2e-vneid' });
    const officer = mintDevToken({ sub: 'officer', roles: ['unit-officer'], unit: COMMUNE });
    expect((await call('GET', '/api/v1/certification/review-items', undefined, officer)).status).toBe(403);
    // Nothing of it went to a dead-letter topic.
    expect(dlq('list', '--topic', INBOUND)).not.toContain(events[0].eventId);
  });
});

describe('a citizen VNeID certified and the registry did not know', () => {
  it("is registered through the registry's own events, shown as VNEID, and completed by an officer", async () => {
    const person = citizen();
    const event = certification(person, { unitCode: COMMUNE });
    expect((await pushVneid(event)).status).toBe(202);
    await drained();
    const found = await until('the registry has the learner', async () => {
      const page = await call('GET', `/api/v1/learners/learners?unit=${COMMUNE}&source=VNEID&pageSize=200`);
      const hit = (page.body.items as { id: string; dateOfBirth: string; fullName: string }[]).find(
        (l) => l.fullName === person.fullName,
      );
      return hit ?? false;
    });
    const learner = await call('GET', `/api/v1/learners/learners/${found.id}`);
    expect(learner.body).toMatchObject({
      source: 'VNEID',
      completedAt: null,
      dateOfBirth: person.dateOfBirth,
      unitCode: COMMUNE,
      certified: true,
    });
    const completed = await call('POST', '/api/v1/learners/learners', {
      ...person,
      unitCode: COMMUNE,
      groups: ['CITIZEN'],
    });
    expect(completed.status).toBe(201);
    expect(completed.body).toMatchObject({ id: found.id, source: 'VNEID', groups: ['CITIZEN'] });
    await drained();
    // The completed learner joins every service's view of the registry once: certification lists it.
    const certificates = await until('certification knows the learner', async () => {
      const res = await call('GET', `/api/v1/certification/learners/${found.id}/certificates`);
      return res.status === 200 ? res : false;
    });
    expect(certificates.body).toEqual([expect.objectContaining({ certificateNo: event.certificateNo })]);
  });
});

describe('a certificate issued to the wrong unit, corrected by a province admin', () => {
  it('reissues it in the right unit, counted once, with the public check still valid', async () => {
    // Not in the registry: reporting counts the learner in the unit of their first certificate.
    const sum = async () => (await qualifiedAdults(COMMUNE)) + (await qualifiedAdults(OTHER_COMMUNE));
    const before = await sum();
    const event = certification(citizen(), { unitCode: COMMUNE });
    expect((await pushVneid(event)).status).toBe(202);
    await drained();
    expect(await sum()).toBe(before + 1);

    const corrected = await call(
      'POST',
      `/api/v1/certification/certificates/${event.certificateNo}/corrections`,
      {
        unitCode: OTHER_COMMUNE,
        reason: 'VNeID sent the commune of a former residence',
      },
    );
    expect(corrected.status).toBe(200);
    await drained();
    expect(await sum()).toBe(before + 1);
    const certificate = await call('GET', `/api/v1/certification/certificates/${event.certificateNo}`);
    expect(certificate.body).toMatchObject({ unitCode: OTHER_COMMUNE, status: 'valid' });
    const check = await fetch(
      `${gateway}/api/v1/certification/certificates/${event.certificateNo}/verification`,
    );
    expect(await check.json()).toMatchObject({ status: 'valid' });
  });
});

describe("a learner's certificates", () => {
  it('are listed to their unit and the province, not to another unit', async () => {
    const person = citizen();
    const registered = await call('POST', '/api/v1/learners/learners', {
      ...person,
      unitCode: OTHER_COMMUNE,
      groups: ['CITIZEN'],
    });
    expect(registered.status).toBe(201);
    const event = certification(person, { unitCode: OTHER_COMMUNE });
    expect((await pushVneid(event)).status).toBe(202);
    await drained();
    const path = `/api/v1/certification/learners/${registered.body.id}/certificates`;
    const officer = (unit: string) => mintDevToken({ sub: 'officer', roles: ['unit-officer'], unit });
    const own = await call('GET', path, undefined, officer(OTHER_COMMUNE));
    expect(own.status).toBe(200);
    expect(own.body).toEqual([
      expect.objectContaining({ certificateNo: event.certificateNo, status: 'valid' }),
    ]);
    expect((await call('GET', path)).status).toBe(200);
    expect((await call('GET', path, undefined, officer(COMMUNE))).status).toBe(403);
  });
});

describe('the public certificate check', () => {
  it('answers an unknown and a malformed number alike, and limits each client with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    const answers: unknown[] = [];
    for (let i = 0; i < 11 && retryAfter === null; i++) {
      const number = i % 2 === 0 ? `BDHVS-2025-${String(900000 + i)}` : `??bad number ${i}??`;
      const res = await fetch(
        `${gateway}/api/v1/certification/certificates/${encodeURIComponent(number)}/verification`,
      );
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      else answers.push(Object.keys((await res.json()) as object).sort());
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });
});

describe('the whole inbound topic replayed from offset 0', () => {
  it('changes no certificate and no number', async () => {
    await sendOnTopic(
      Array.from({ length: 20 }, () => certification(citizen(), { unitCode: OTHER_COMMUNE })),
    );
    await drained();
    const count = async () =>
      (await query<{ n: number }>('certification', 'SELECT count(*)::int AS n FROM certificate'))[0].n;
    const before = { certificates: await count(), commune: await qualifiedAdults(OTHER_COMMUNE) };

    const topic = `${TOPIC_PREFIX}${INBOUND}`;
    const ends = await kafkaAdmin.fetchTopicOffsets(topic);
    const total = ends.reduce((n, e) => n + Number(e.high), 0);
    const messages: KafkaMessage[] = [];
    const reader = kafka.consumer({ groupId: `${RUN}-replay-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void reader.run({
        eachMessage: async ({ message }) => {
          messages.push(message);
          if (messages.length === total) resolve();
        },
      });
    });
    await reader.disconnect();
    await producer.send({
      topic,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
    await drained();
    expect(await count()).toBe(before.certificates);
    expect(await qualifiedAdults(OTHER_COMMUNE)).toBe(before.commune);
  });
});

describe('two reporting instances sharing the consumer group, one killed in the middle of a stream', () => {
  it('loses and doubles nothing: every certificate once, the indicator equal to the truth', async () => {
    // Plain Node, outside the Nx graph, like the platform itself.
    const { startService } = require(join(ROOT, 'scripts', 'lib', 'platform.cjs')) as {
      startService(name: string, o: Record<string, unknown>): Promise<{ url: string; stop(): Promise<void> }>;
    };
    const second = await startService('reporting', {
      database: `${DB_PREFIX}_reporting`,
      port: 19506,
      groupPrefix: GROUP_PREFIX,
      topicPrefix: TOPIC_PREFIX,
      logLevel: 'warn',
    });
    try {
      await drained();
      const before = await qualifiedAdults(THIRD_COMMUNE, second.url);
      const batches = Array.from({ length: 6 }, () =>
        Array.from({ length: 40 }, () => certification(citizen(), { unitCode: THIRD_COMMUNE })),
      );
      for (const [i, batch] of batches.entries()) {
        await sendOnTopic(batch);
        // The platform's instance dies while the stream is being applied; the other takes its partitions.
        if (i === 2) await platform.kill('reporting');
      }
      await drained();
      const sent = batches.flat().map((e) => e.certificateNo);
      const [{ n }] = await query<{ n: number }>(
        'certification',
        'SELECT count(*)::int AS n FROM certificate WHERE certificate_no = ANY($1)',
        [sent],
      );
      expect(n).toBe(sent.length);
      expect(await qualifiedAdults(THIRD_COMMUNE, second.url)).toBe(before + sent.length);
    } finally {
      await second.stop();
    }
  }, 300_000);
});
