import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, Producer, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { Platform, VneidEvent, mintDevToken, sign, startPlatform, until } from './platform';
import { OwnKafka, OwnPostgres } from './vneid-faults-infra';

// Faults in the middle of a VNeID stream, on a PostgreSQL cluster and a Kafka broker of this suite's own
// (the shared ones are never restarted): the broker restarted, then PostgreSQL restarted (a crash:
// immediate shutdown). After each, every certificate exists once, every learner VNeID made known is in
// the registry once, and every indicator equals the truth computed here from what was sent.
const RUN = `vnf${Date.now().toString(36)}`;
const DB_PREFIX = `bdhvs_${RUN}`;
const GROUP_PREFIX = `${RUN}-`;
const TOPIC_PREFIX = `${RUN}.`;
const INBOUND = 'vneid.certification-events.v1';
const COMMUNES = ['03388', '03408'];
const PG_PORT = 55432;
const KAFKA_PORT = 29092;
const KAFKA_CONTROLLER_PORT = 29093;
// Its own log directory: the shared .cache/logs is rewritten by every platform started beside it.
const LOG_DIR = join(__dirname, '..', '..', '..', '.cache', 'logs', RUN);

const postgres = new OwnPostgres(PG_PORT);
const broker = new OwnKafka(KAFKA_PORT, KAFKA_CONTROLLER_PORT);
let platform: Platform;
let gateway: string;
let secret: string;
let kafka: Kafka;
let producer: Producer;
const admin = () => mintDevToken({ sub: 'e2e-faults', roles: ['province-admin'] });
const adapter = () => mintDevToken({ sub: 'vneid-adapter', roles: ['vneid-adapter'] });

/** Everything sent so far, to compute the truth from. */
const sent: VneidEvent[] = [];

async function query<T>(service: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: `${postgres.url}/${DB_PREFIX}_${service}` });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function citizen() {
  const year = 1960 + randomInt(0, 40);
  const female = randomInt(0, 2) === 1;
  return {
    citizenId: `012${female ? 1 : 0}${String(year).slice(2)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
    fullName: `Người học ${RUN} ${randomInt(0, 1e6)}`,
    dateOfBirth: `${year}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`,
  };
}

/**
 * A stream of `n` learners' events: each certified (on the topic or the webhook, half each), a fifth of
 * them revoked later, and a tenth of everything sent twice (as adapters resend).
 */
function stream(n: number): { event: VneidEvent; channel: 'topic' | 'webhook' }[] {
  const out: { event: VneidEvent; channel: 'topic' | 'webhook' }[] = [];
  for (let i = 0; i < n; i++) {
    const person = citizen();
    const certified: VneidEvent = {
      eventId: randomUUID(),
      type: 'CERTIFIED',
      occurredAt: '2025-06-10T03:00:00Z',
      ...person,
      unitCode: COMMUNES[i % COMMUNES.length],
      programme: 'CITIZEN_BASIC',
      certificateNo: `E2E-${RUN}-${randomUUID().slice(0, 8)}`,
    };
    const channel = i % 2 === 0 ? 'topic' : 'webhook';
    out.push({ event: certified, channel });
    if (i % 10 === 3) out.push({ event: certified, channel: channel === 'topic' ? 'webhook' : 'topic' });
    if (i % 5 === 1)
      out.push({
        event: {
          ...certified,
          eventId: randomUUID(),
          type: 'REVOKED',
          occurredAt: '2025-07-01T03:00:00Z',
          reason: 'revoked',
        },
        channel,
      });
  }
  return out;
}

/** Retried until it lands: the broker or the database may be away for a while. */
async function deliver(event: VneidEvent, channel: 'topic' | 'webhook'): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      if (channel === 'topic') {
        await producer.send({
          topic: `${TOPIC_PREFIX}${INBOUND}`,
          acks: -1,
          messages: [{ key: event.citizenId, value: JSON.stringify(event) }],
        });
        return;
      }
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
      if (res.status === 202 || res.status === 200) return;
      if (res.status < 500)
        throw new Error(`the webhook refused ${event.eventId}: ${res.status} ${await res.text()}`);
    } catch (error) {
      if ((error as Error).message.startsWith('the webhook refused')) throw error;
    }
    if (Date.now() > deadline) throw new Error(`${event.eventId} could not be delivered in 180 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Sends the stream; `fault` runs once a third of it is sent, while the rest keeps coming. */
async function send(items: ReturnType<typeof stream>, fault: () => Promise<void>): Promise<void> {
  const third = Math.floor(items.length / 3);
  let faulted: Promise<void> | undefined;
  for (let i = 0; i < items.length; i++) {
    if (i === third) faulted = fault();
    await deliver(items[i].event, items[i].channel);
    sent.push(items[i].event);
  }
  await faulted;
}

/** The database answers, every outbox is empty and certification, learners and reporting read everything. */
async function drained(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let consecutive = 0;
    await until(
      'the platform settled',
      async () => {
        let settled = true;
        for (const name of ['learners', 'certification']) {
          const [{ n }] = await query<{ n: number }>(name, 'SELECT count(*)::int AS n FROM outbox');
          if (n > 0) settled = false;
        }
        const topics = (await admin.listTopics()).filter(
          (t) => t.startsWith(TOPIC_PREFIX) && !t.endsWith('.dlq'),
        );
        for (const group of ['certification', 'learners', 'reporting']) {
          const committed = await admin.fetchOffsets({ groupId: `${GROUP_PREFIX}${group}`, topics });
          for (const { topic, partitions } of committed) {
            if (partitions.every((p) => Number(p.offset) < 0)) continue;
            for (const end of await admin.fetchTopicOffsets(topic)) {
              const c = partitions.find((p) => p.partition === end.partition);
              if (Number(end.high) > 0 && Number(c?.offset ?? -1) < Number(end.high)) settled = false;
            }
          }
        }
        consecutive = settled ? consecutive + 1 : 0;
        return consecutive >= 2;
      },
      240_000,
    );
  } finally {
    await admin.disconnect();
  }
}

/** What was sent comes to: one certificate per number, standing unless revoked, one learner per citizen. */
function truth() {
  const certificates = new Map<string, { unitCode: string; citizenId: string; revoked: boolean }>();
  for (const e of sent) {
    const c = certificates.get(e.certificateNo) ?? {
      unitCode: e.unitCode,
      citizenId: e.citizenId,
      revoked: false,
    };
    if (e.type === 'REVOKED') c.revoked = true;
    certificates.set(e.certificateNo, c);
  }
  const qualified = new Map<string, Set<string>>(COMMUNES.map((u) => [u, new Set<string>()]));
  for (const c of certificates.values()) if (!c.revoked) qualified.get(c.unitCode)?.add(c.citizenId);
  return { certificates, qualified, citizens: new Set(sent.map((e) => e.citizenId)) };
}

async function qualifiedAdults(unit: string): Promise<number> {
  const res = await fetch(`${gateway}/api/v1/reporting/indicators?unit=${unit}&period=2025&indicator=d`, {
    headers: { authorization: `Bearer ${admin()}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { numerator: number }[])[0].numerator;
}

async function everythingEqualsTheTruth(): Promise<void> {
  await drained();
  const { certificates, qualified, citizens } = truth();
  const numbers = [...certificates.keys()];
  const stored = await query<{ certificate_no: string; n: number; revoked: boolean }>(
    'certification',
    `SELECT certificate_no, count(*)::int AS n, bool_or(revoked_at IS NOT NULL) AS revoked
       FROM certificate WHERE certificate_no = ANY($1) GROUP BY certificate_no`,
    [numbers],
  );
  expect(stored).toHaveLength(numbers.length);
  for (const row of stored) {
    expect(row.n).toBe(1);
    expect(row.revoked).toBe(certificates.get(row.certificate_no)?.revoked);
  }
  // Reporting holds each certificate once and each revocation once, whatever was redelivered.
  const [counted] = await query<{ q: number; r: number }>(
    'reporting',
    `SELECT (SELECT count(*)::int FROM qualification) AS q, (SELECT count(*)::int FROM revocation) AS r`,
  );
  expect(counted).toEqual({
    q: certificates.size,
    r: [...certificates.values()].filter((c) => c.revoked).length,
  });
  // Every citizen VNeID certified is in the registry, once, as VNEID.
  const [registry] = await query<{ n: number; keys: number }>(
    'learners',
    `SELECT count(*)::int AS n, count(DISTINCT learner_key)::int AS keys FROM learner WHERE source = 'VNEID'`,
  );
  expect(registry).toEqual({ n: citizens.size, keys: citizens.size });
  for (const unit of COMMUNES) expect(await qualifiedAdults(unit)).toBe(qualified.get(unit)?.size);
}

beforeAll(async () => {
  await Promise.all([postgres.start(), broker.start()]);
  kafka = new Kafka({ clientId: RUN, brokers: [broker.brokers], logLevel: logLevel.NOTHING });
  producer = kafka.producer({ idempotent: false, retry: { retries: 3 } });
  const previous = process.env['DATABASE_URL'];
  process.env['DATABASE_URL'] = `${postgres.url}/postgres`;
  try {
    platform = await startPlatform({
      dbPrefix: DB_PREFIX,
      groupPrefix: GROUP_PREFIX,
      topicPrefix: TOPIC_PREFIX,
      logLevel: 'warn',
      logDir: LOG_DIR,
      env: { KAFKA_BROKERS: broker.brokers },
      ports: {
        gateway: 19780,
        learners: 19781,
        courses: 19782,
        certification: 19783,
        campaigns: 19784,
        reporting: 19785,
      },
    });
  } finally {
    if (previous === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = previous;
  }
  gateway = platform.urls.gateway;
  secret = platform.secrets['VNEID_HMAC_SECRET'];
  await producer.connect();
  await until(
    'certification knows the communes and reporting answers',
    async () => {
      const known = await query('certification', 'SELECT 1 FROM known_unit WHERE code = ANY($1)', [
        COMMUNES,
      ]).catch(() => []);
      return known.length === COMMUNES.length && (await qualifiedAdults(COMMUNES[0]).catch(() => -1)) >= 0;
    },
    180_000,
  );
}, 400_000);

afterAll(async () => {
  await producer?.disconnect().catch(() => undefined);
  await platform?.stop();
  await broker.destroy();
  postgres.destroy();
}, 120_000);

describe('VNeID faults in the middle of a stream, on a broker and a database of the suite’s own', () => {
  it('survives the broker restarted in the middle of a stream', async () => {
    await send(stream(60), async () => {
      await broker.restart();
    });
    await everythingEqualsTheTruth();
  }, 600_000);

  it('survives PostgreSQL crashing and restarting in the middle of a stream', async () => {
    await send(stream(60), async () => {
      await postgres.restart('immediate');
    });
    await everythingEqualsTheTruth();
  }, 600_000);
});
