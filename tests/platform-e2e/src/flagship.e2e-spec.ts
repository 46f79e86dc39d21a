import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import {
  Platform,
  VneidEvent,
  deleteTopics,
  dropDatabases,
  groupCaughtUp,
  infraUp,
  outboxEmpty,
  mintDevToken,
  pushAll,
  revocationOf,
  sign,
  startPlatform,
  syntheticCertification,
} from './platform';

// Each run uses its own synthetic citizens, databases (dropped afterwards) and topics. Reference units
// reach reporting only from a learners database that has not announced them yet: a database shared with
// an earlier run (or the integration tests) would leave reporting without units.
const RUN = `e2e${Date.now().toString(36)}`;
const DB_PREFIX = `bdhvs_${RUN}`;
// Topics of this run only: nothing a benchmark or a development platform sends on the broker reaches it.
const TOPIC_PREFIX = `${RUN}.`;
const topic = (name: string) => `${TOPIC_PREFIX}${name}`;
let seq = Math.floor(Math.random() * 400_000);
const COMMUNE = '03388'; // Phường Đoàn Kết
const OTHER_COMMUNE = '03408'; // Phường Tân Phong

let platform: Platform;
let gateway: string;
let secret: string;
const adapter = () => mintDevToken({ sub: 'vneid-adapter', roles: ['vneid-adapter'] });
const admin = () => mintDevToken({ sub: 'e2e-admin', roles: ['province-admin'] });

function certification(
  unitCode = COMMUNE,
  occurredAt = '2025-05-10T03:00:00Z',
  dateOfBirth?: string,
): VneidEvent {
  const event = syntheticCertification({ index: seq++, unitCode, runId: RUN, occurredAt });
  // Born in province 001 with a random serial: apart from the demo and benchmark citizens (province 012), and
  // from earlier runs' (the test databases persist), any of whom would already hold a certificate.
  event.citizenId = `001${event.citizenId.slice(3, 6)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  return dateOfBirth ? { ...event, dateOfBirth } : event;
}

async function post(event: VneidEvent, token = adapter(), signature?: string) {
  const body = JSON.stringify(event);
  return fetch(`${gateway}/api/v1/certification/vneid-events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-vneid-signature': signature ?? sign(body, secret),
    },
    body,
  });
}

interface Row {
  indicator: string;
  unitCode: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  eventCount: number;
  breakdown?: Record<string, string>;
}

async function indicators(query: string, token = admin()): Promise<Row[]> {
  const res = await fetch(`${gateway}/api/v1/reporting/indicators?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Row[];
}

async function numerator(unit: string, period: string, indicator = 'd'): Promise<number> {
  const rows = await indicators(`unit=${unit}&period=${period}&indicator=${indicator}`);
  return rows[0].numerator;
}

async function eventually<T>(
  read: () => Promise<T>,
  accept: (v: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!accept(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    last = await read();
  }
  return last;
}

const kafka = new Kafka({
  clientId: 'e2e',
  brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});
const admin_ = kafka.admin();

const groupDrained = (groupId: string, name: string) => groupCaughtUp(admin_, groupId, [name]);

/**
 * Waits until everything sent so far has been applied: certification's outbox is published and every
 * consumer group has committed up to the end of its topics. Numbers read after it are final.
 */
async function drained(): Promise<void> {
  const checks = async () =>
    (await outboxEmpty(`${DB_PREFIX}_certification`)) &&
    (await groupDrained('e2e-certification', topic('vneid.certification-events.v1'))) &&
    (await groupDrained('e2e-reporting', topic('certification.certificate-issued.v1'))) &&
    (await groupDrained('e2e-reporting', topic('certification.certificate-revoked.v1'))) &&
    (await groupDrained('e2e-learners', topic('certification.certificate-issued.v1')));
  const deadline = Date.now() + 120_000;
  let consecutive = 0;
  while (consecutive < 2 && Date.now() < deadline) {
    consecutive = (await checks()) ? consecutive + 1 : 0;
    await new Promise((r) => setTimeout(r, 300));
  }
  if (consecutive < 2) throw new Error('the pipeline did not drain in 120 s');
}

/** The settled numerator of d for a unit once everything sent so far has been applied. */
async function settled(unit = COMMUNE, period = '2025'): Promise<number> {
  await drained();
  return numerator(unit, period);
}

beforeAll(async () => {
  infraUp();
  platform = await startPlatform({
    dbPrefix: DB_PREFIX,
    groupPrefix: 'e2e-',
    topicPrefix: TOPIC_PREFIX,
    logLevel: 'warn',
    ports: {
      gateway: 19080,
      learners: 19001,
      courses: 19002,
      certification: 19003,
      campaigns: 19004,
      reporting: 19005,
    },
  });
  gateway = platform.urls.gateway;
  await admin_.connect();
  secret = platform.secrets.VNEID_HMAC_SECRET;
  // Units arrive in reporting as events from learners; wait for the commune to be known.
  await eventually(
    async () =>
      (
        await fetch(`${gateway}/api/v1/reporting/indicators?unit=${COMMUNE}&period=2025`, {
          headers: { authorization: `Bearer ${admin()}` },
        })
      ).status,
    (s) => s === 200,
  );
}, 300_000);

afterAll(async () => {
  await platform?.stop();
  await deleteTopics(admin_, TOPIC_PREFIX);
  await admin_.disconnect();
  await dropDatabases(DB_PREFIX);
});

describe('a VNeID certification through the entry point', () => {
  it('counts in the commune and the province, for d and for c once a denominator is set', async () => {
    const communeBefore = await settled();
    const provinceBefore = await numerator('12', '2025');
    const events = [certification(), certification(), certification()];
    for (const e of events) expect((await post(e)).status).toBe(202);
    expect(await settled()).toBe(communeBefore + 3);
    expect(await numerator('12', '2025')).toBeGreaterThanOrEqual(provinceBefore + 3);

    const res = await fetch(`${gateway}/api/v1/reporting/denominators`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ year: 2025, indicator: 'c', values: [{ unitCode: COMMUNE, value: 100_000 }] }),
    });
    expect(res.status).toBe(204);
    const [c] = await indicators(`unit=${COMMUNE}&period=2025&indicator=c`);
    expect(c.denominator).toBe(100_000);
    expect(c.value).toBeCloseTo(c.numerator / 100_000, 10);
  });

  it('counts a pushed event once, however often it is pushed', async () => {
    const before = await settled();
    const event = certification();
    expect((await post(event)).status).toBe(202);
    expect((await post(event)).status).toBe(200);
    // The same certificate number under a new eventId, and a second certificate for the same programme.
    expect((await post({ ...event, eventId: randomUUID() })).status).toBe(202);
    expect(
      (await post({ ...event, eventId: randomUUID(), certificateNo: `${event.certificateNo}-B` })).status,
    ).toBe(202);
    expect(await settled()).toBe(before + 1);
  });

  it('stops counting a revoked certificate from the revocation on, not before', async () => {
    const event = certification(COMMUNE, '2025-02-10T03:00:00Z');
    expect((await post(event)).status).toBe(202);
    await settled();
    const q1 = await numerator(COMMUNE, '2025Q1');
    const q3 = await numerator(COMMUNE, '2025Q3');
    expect((await post(revocationOf(event, RUN, '2025-08-01T03:00:00Z'))).status).toBe(202);
    await drained();
    expect(await numerator(COMMUNE, '2025Q3')).toBe(q3 - 1);
    expect(await numerator(COMMUNE, '2025Q1')).toBe(q1);
  });

  it('does not count a learner who is not yet 18 at the period end in c or d', async () => {
    const before = await settled();
    expect((await post(certification(COMMUNE, '2025-03-01T03:00:00Z', '2012-01-01'))).status).toBe(202);
    expect(await settled()).toBe(before);
  });

  it('marks the learner certified in the learners service', async () => {
    const event = certification();
    expect((await post(event)).status).toBe(202);
    const res = await fetch(
      `${gateway}/api/v1/certification/certificates/${event.certificateNo}/verification`,
    );
    expect(await res.json()).toMatchObject({ certificateNo: event.certificateNo, status: 'valid' });
    const learnerKey = createHmac('sha256', platform.secrets.PII_HASH_KEY)
      .update(event.citizenId)
      .digest('hex');
    const status = await eventually(
      async () =>
        (await (
          await fetch(`${gateway}/api/v1/learners/certification-status/${learnerKey}`, {
            headers: { authorization: `Bearer ${admin()}` },
          })
        ).json()) as { certified: boolean },
      (body) => body.certified === true,
    );
    expect(status).toMatchObject({ learnerKey, certified: true });
    expect(JSON.stringify(status)).not.toContain(event.citizenId);
  });
});

describe('the learner registry through the entry point', () => {
  it('registers a learner, shows the citizen ID masked, and marks them certified once VNeID certifies them', async () => {
    const event = certification();
    const registered = await fetch(`${gateway}/api/v1/learners/learners`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin()}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        citizenId: event.citizenId,
        fullName: 'Lò Thị Mai',
        dateOfBirth: event.dateOfBirth,
        sex: Number(event.citizenId[3]) % 2 === 0 ? 'male' : 'female',
        ethnicity: '03',
        unitCode: COMMUNE,
        groups: ['CITIZEN'],
      }),
    });
    const learner = (await registered.json()) as { id: string; citizenId: string; certified: boolean };
    expect(registered.status).toBe(201);
    expect(learner.citizenId).toBe(`${event.citizenId.slice(0, 4)}******${event.citizenId.slice(10)}`);
    expect(learner.certified).toBe(false);

    expect((await post(event)).status).toBe(202);
    await drained();
    const read = await fetch(`${gateway}/api/v1/learners/learners/${learner.id}`, {
      headers: { authorization: `Bearer ${admin()}` },
    });
    const body = await read.text();
    expect(JSON.parse(body)).toMatchObject({ id: learner.id, certified: true });
    expect(body).not.toContain(event.citizenId);
  });
});

describe('the Kafka side', () => {
  const producer = kafka.producer();
  beforeAll(() => producer.connect());
  afterAll(() => producer.disconnect());

  it('applies a redelivered event once', async () => {
    const before = await settled();
    const certificateId = randomUUID();
    const ceId = randomUUID();
    const message = {
      key: 'a'.repeat(64),
      value: JSON.stringify({
        certificateId,
        certificateNo: `${RUN}-redelivered`,
        learnerKey: randomUUID().replace(/-/g, '').padEnd(64, '0'),
        programme: 'CITIZEN_BASIC',
        unitCode: COMMUNE,
        unitMap: '2025',
        dateOfBirth: '1970-01-01',
        issuedAt: '2025-04-01T00:00:00Z',
        sourceEventId: ceId,
      }),
      headers: {
        ce_id: ceId,
        ce_type: 'certification.certificate-issued.v1',
        ce_source: 'e2e',
        ce_specversion: '1.0',
        ce_time: new Date().toISOString(),
      },
    };
    await producer.send({
      topic: topic('certification.certificate-issued.v1'),
      messages: [message, message],
    });
    expect(await settled()).toBe(before + 1);
  });

  it('sends a poison message to the dead-letter topic with its reason and keeps the partition moving', async () => {
    const consumer = kafka.consumer({ groupId: `e2e-dlq-${RUN}` });
    await consumer.connect();
    await consumer.subscribe({
      topic: topic('certification.certificate-issued.v1.dlq'),
      fromBeginning: true,
    });
    const marker = `${RUN}-poison`;
    const found = new Promise<Record<string, string>>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value?.toString() === `not json ${marker}`) {
            resolve(
              Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
            );
          }
        },
      });
    });
    const before = await numerator(COMMUNE, '2025');
    await producer.send({
      topic: topic('certification.certificate-issued.v1'),
      messages: [{ key: 'poison', value: `not json ${marker}`, headers: { ce_id: randomUUID() } }],
    });
    const headers = await found;
    await consumer.disconnect();
    expect(headers['dlq_reason']).toMatch(/not JSON/);
    expect(headers['dlq_original_topic']).toBe(topic('certification.certificate-issued.v1'));
    // The partition moved on: a certification sent after the poison message counts.
    expect((await post(certification())).status).toBe(202);
    expect(await settled()).toBe(before + 1);
  });

  it('dead-letters a VNeID event with a control character in a field, naming it, at once', async () => {
    const consumer = kafka.consumer({ groupId: `e2e-dlq-nul-${RUN}` });
    await consumer.connect();
    await consumer.subscribe({ topic: topic('vneid.certification-events.v1.dlq'), fromBeginning: true });
    const event = { ...revocationOf(certification(), RUN, '2025-06-01T00:00:00Z'), reason: 'sai\u0000sót' };
    const found = new Promise<Record<string, string>>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value?.toString().includes(event.eventId))
            resolve(
              Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
            );
        },
      });
    });
    await producer.send({
      topic: topic('vneid.certification-events.v1'),
      messages: [{ key: 'nul', value: JSON.stringify(event) }],
    });
    const headers = await found;
    await consumer.disconnect();
    expect(headers['dlq_reason']).toBe(
      'invalid event: vneid.certification-events.v1: reason must not contain control characters',
    );
  });

  it('counts exactly when every kind of event for the same learners arrives on both channels at once', async () => {
    await drained();
    const [before] = await indicators(`unit=${OTHER_COMMUNE}&period=2025&indicator=d`);
    const onKafka: VneidEvent[] = [];
    const onWebhook: VneidEvent[] = [];
    let qualified = 0;
    let events = 0;
    for (let i = 0; i < 8; i++) {
      // Revoked, the revocation on the other channel (it may arrive first): counts nowhere.
      const revoked = certification(OTHER_COMMUNE, '2025-03-01T00:00:00Z');
      onWebhook.push(revoked);
      onKafka.push(revocationOf(revoked, RUN, '2025-04-01T00:00:00Z'));
      events += 2;
      // The same event on both channels, twice on the webhook: counts once.
      const resent = certification(OTHER_COMMUNE, '2025-03-02T00:00:00Z');
      onWebhook.push(resent, resent);
      onKafka.push(resent);
      qualified += 1;
      events += 1;
      // Two certificates of one programme, one per channel: whichever comes first counts, once.
      const first = certification(OTHER_COMMUNE, '2025-03-03T00:00:00Z');
      onWebhook.push(first);
      onKafka.push({ ...first, eventId: randomUUID(), certificateNo: `${first.certificateNo}-B` });
      qualified += 1;
      events += 1;
      // One programme revoked while another stands, across channels: the learner still counts.
      const basic = certification(OTHER_COMMUNE, '2025-03-04T00:00:00Z');
      const advanced = {
        ...basic,
        eventId: randomUUID(),
        programme: 'PUBLIC_SECTOR_DIGITAL',
        certificateNo: `${basic.certificateNo}-CS`,
      };
      onKafka.push(basic, advanced);
      onWebhook.push(revocationOf(basic, RUN, '2025-05-01T00:00:00Z'));
      qualified += 1;
      events += 3;
      // Certified, revoked, certified again, in order on one partition (one key): counts again.
      const again = certification(OTHER_COMMUNE, '2025-03-05T00:00:00Z');
      onKafka.push(again, revocationOf(again, RUN, '2025-06-01T00:00:00Z'), {
        ...again,
        eventId: randomUUID(),
        certificateNo: `${again.certificateNo}-R`,
        occurredAt: '2025-07-01T00:00:00Z',
      });
      qualified += 1;
      events += 3;
      // A revocation of a certificate VNeID never sent: waits, and counts nowhere.
      onKafka.push(revocationOf(certification(OTHER_COMMUNE), RUN, '2025-08-01T00:00:00Z'));
    }
    const [statuses] = await Promise.all([
      pushAll(gateway, onWebhook, { token: adapter(), secret }, 16),
      producer.send({
        topic: topic('vneid.certification-events.v1'),
        messages: onKafka.map((e) => ({ key: e.citizenId, value: JSON.stringify(e) })),
      }),
    ]);
    expect(Object.keys(statuses).filter((status) => status !== '202' && status !== '200')).toEqual([]);
    await drained();
    const [after] = await indicators(`unit=${OTHER_COMMUNE}&period=2025&indicator=d`);
    expect(after.numerator - before.numerator).toBe(qualified);
    expect(after.eventCount - before.eventCount).toBe(events);
  });

  it('takes VNeID events from the inbound topic with the same effect as the webhook', async () => {
    const before = await settled();
    const event = certification();
    await producer.send({
      topic: topic('vneid.certification-events.v1'),
      messages: [
        { key: 'k', value: JSON.stringify(event) },
        { key: 'k', value: JSON.stringify(event) },
      ],
    });
    expect(await settled()).toBe(before + 1);
    expect((await post(event)).status).toBe(200);
  });
});

describe('faults', () => {
  it('loses and doubles nothing when certification and reporting are killed mid-stream', async () => {
    const before = await settled(OTHER_COMMUNE);
    const events = Array.from({ length: 400 }, () => certification(OTHER_COMMUNE));
    const pushing = pushAll(gateway, events, { token: adapter(), secret }, 16);
    await new Promise((r) => setTimeout(r, 1500));
    await platform.kill('certification');
    await platform.kill('reporting');
    await platform.restart('certification');
    await platform.restart('reporting');
    const statuses = await pushing;
    // Every event was eventually accepted once (202) or recognised as a resend (200) after a retry.
    expect(Object.entries(statuses).filter(([status]) => status !== '202' && status !== '200')).toEqual([]);
    expect(await settled(OTHER_COMMUNE)).toBe(before + events.length);
  });
});

describe('the public contract', () => {
  it('answers problem+json for a bad signature, a bad body and a missing token', async () => {
    const bad = await post(certification(), adapter(), 'sha256=' + '0'.repeat(64));
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const invalid = await post({ ...certification(), citizenId: '12' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: unknown }).errors).toEqual([
      { field: 'citizenId', message: 'citizenId must be 12 digits' },
    ]);
    const anonymous = await fetch(`${gateway}/api/v1/reporting/indicators`);
    expect(anonymous.status).toBe(401);
  });

  it("refuses a commune officer another commune's indicators", async () => {
    const officer = mintDevToken({ sub: 'officer', roles: ['unit-officer'], unit: COMMUNE });
    const res = await fetch(`${gateway}/api/v1/reporting/indicators?unit=${OTHER_COMMUNE}`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(res.status).toBe(403);
    const own = await fetch(`${gateway}/api/v1/reporting/indicators`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(((await own.json()) as Row[])[0].unitCode).toBe(COMMUNE);
  });

  it('serves one merged OpenAPI document with the contract operations', async () => {
    const doc = (await (await fetch(`${gateway}/api/openapi.json`)).json()) as { paths: unknown };
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    // The committed document is what the code serves: regenerate with `npm run openapi` while `npm start` runs.
    const committed = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', 'openapi', 'openapi.json'), 'utf8'),
    );
    expect(doc).toEqual(committed);
    for (const id of [
      'receiveVneidEvent',
      'getCertificate',
      'verifyCertificate',
      'getIndicators',
      'setDenominators',
      'setTargets',
      'listUnits',
    ]) {
      expect(ids).toContain(id);
    }
  });
});

describe('start-up', () => {
  it.each(['learners', 'courses', 'certification', 'campaigns', 'reporting'])(
    '%s exits with one clear line when its configuration is missing',
    (name) => {
      const main = join(__dirname, '..', '..', '..', 'dist', 'apps', name, 'main.js');
      const run = spawnSync(process.execPath, [main], {
        env: { PATH: process.env['PATH'] ?? '', PORT: '70000' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^invalid configuration: .*PORT.*DATABASE_URL.*KAFKA_BROKERS/);
    },
  );
});
