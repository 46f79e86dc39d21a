import { randomUUID } from 'node:crypto';
import { Admin, Consumer, Kafka, logLevel } from 'kafkajs';
import { Topics } from '@bdhvs/events';
import { RunningService, startServiceInProcess, testToken } from '@bdhvs/testing';
import { CertificationConfig } from '../src/config/certification-config';
import { signVneidBody } from '../src/certificates/domain/vneid-signature';
import { certificationService } from '../src/service';
import { announceUnits } from './registry-events';

interface SeenMessage {
  key: string;
  headers: Record<string, string>;
  value: Record<string, unknown>;
}

describe('receiveVneidEvent against the real database and broker', () => {
  let service: RunningService<CertificationConfig>;
  let consumer: Consumer;
  let kafkaAdmin: Admin;
  const seen: SeenMessage[] = [];
  /** The next offset to read, per topic and partition, of what the watching consumer has seen. */
  const consumedUpTo = new Map<string, number>();

  beforeAll(async () => {
    service = await startServiceInProcess(certificationService, { database: 'bdhvs_test_certification' });
    await announceUnits(service, ['03388']);
    const kafka = new Kafka({
      clientId: 'int',
      brokers: service.config.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    consumer = kafka.consumer({ groupId: `int-watch-${randomUUID()}` });
    await consumer.connect();
    const prefix = service.config.KAFKA_TOPIC_PREFIX;
    await consumer.subscribe({
      topics: [`${prefix}${Topics.certificateIssued}`, `${prefix}${Topics.certificateRevoked}`],
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        consumedUpTo.set(`${topic}/${partition}`, Number(message.offset) + 1);
        seen.push({
          key: message.key?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          value: JSON.parse(message.value?.toString() ?? '{}'),
        });
      },
    });
  });

  afterAll(async () => {
    await kafkaAdmin?.disconnect();
    await consumer?.disconnect();
    await service?.close();
  });

  function event(overrides: Record<string, unknown> = {}) {
    const n = Math.floor(Math.random() * 1e5);
    return {
      eventId: randomUUID(),
      type: 'CERTIFIED',
      occurredAt: '2025-09-30T08:00:00Z',
      citizenId: `0120801${String(n).padStart(5, '0')}`,
      fullName: 'Lò Văn Pấu',
      dateOfBirth: '1980-01-31',
      unitCode: '03388',
      programme: 'CITIZEN_BASIC',
      certificateNo: `INT-${randomUUID()}`,
      ...overrides,
    };
  }

  async function push(body: object, traceparent?: string) {
    const raw = JSON.stringify(body);
    return fetch(`${service.url}/api/v1/certification/vneid-events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${testToken({ sub: 'vneid', roles: ['vneid-adapter'] })}`,
        'x-vneid-signature': signVneidBody(raw, service.config.VNEID_HMAC_SECRET),
        ...(traceparent ? { traceparent } : {}),
      },
      body: raw,
    });
  }

  async function published(certificateNo: string, topic: string): Promise<SeenMessage> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const found = seen.find(
        (m) => m.value['certificateNo'] === certificateNo && m.headers['ce_type'] === topic,
      );
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${certificateNo} never published on ${topic}`);
  }

  /**
   * A barrier instead of a pause: the outbox is empty (everything committed is published) and the
   * watching consumer has read both topics up to their end offsets, so `seen` holds all there is.
   */
  async function everythingPublishedIsSeen(): Promise<void> {
    const prefix = service.config.KAFKA_TOPIC_PREFIX;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [{ n }] = await service.database.dataSource.query('SELECT count(*)::int AS n FROM outbox');
      const ends = await Promise.all(
        [Topics.certificateIssued, Topics.certificateRevoked].map(async (t) => ({
          topic: `${prefix}${t}`,
          offsets: await kafkaAdmin.fetchTopicOffsets(`${prefix}${t}`),
        })),
      );
      const caughtUp = ends.every(({ topic, offsets }) =>
        offsets.every((o) => Number(o.high) <= (consumedUpTo.get(`${topic}/${o.partition}`) ?? 0)),
      );
      if (n === 0 && caughtUp) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the outbox and the watching consumer did not settle in 30 s');
  }

  it('publishes certificate-issued as a CloudEvent carrying the request trace and no citizen ID', async () => {
    const body = event();
    const traceId = randomUUID().replace(/-/g, '');
    const res = await push(body, `00-${traceId}-${'1'.repeat(16)}-01`);
    expect(res.status).toBe(202);
    const message = await published(body.certificateNo, Topics.certificateIssued);
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_source: 'bdhvs/certification',
      'content-type': 'application/json',
    });
    expect(message.headers['traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(message.value).toMatchObject({
      certificateNo: body.certificateNo,
      unitCode: '03388',
      issuedAt: '2025-09-30T08:00:00.000Z',
    });
    expect(message.key).toBe(message.value['learnerKey']);
    const everything = JSON.stringify(message);
    expect(everything).not.toContain(body.citizenId);
    expect(everything).not.toContain('Lò Văn Pấu');
  });

  it('answers a resent eventId with 200 and publishes nothing more', async () => {
    const body = event();
    expect((await push(body)).status).toBe(202);
    expect((await push(body)).status).toBe(200);
    await published(body.certificateNo, Topics.certificateIssued);
    await everythingPublishedIsSeen();
    expect(seen.filter((m) => m.value['certificateNo'] === body.certificateNo)).toHaveLength(1);
  });

  it('applies a revocation that arrives before its certificate once the certificate comes', async () => {
    const certified = event();
    const revoked = {
      ...certified,
      eventId: randomUUID(),
      type: 'REVOKED',
      occurredAt: '2025-10-05T08:00:00Z',
      reason: 'issued in error',
    };
    expect((await push(revoked)).status).toBe(202);
    expect((await push(certified)).status).toBe(202);
    const message = await published(certified.certificateNo, Topics.certificateRevoked);
    expect(message.value).toMatchObject({ revokedAt: '2025-10-05T08:00:00.000Z', reason: 'issued in error' });
    const verification = await (
      await fetch(`${service.url}/api/v1/certification/certificates/${certified.certificateNo}/verification`)
    ).json();
    expect(verification).toMatchObject({ status: 'revoked', holderName: 'L* V** P**' });
  });

  it('refuses a caller without the vneid-adapter role', async () => {
    const raw = JSON.stringify(event());
    const res = await fetch(`${service.url}/api/v1/certification/vneid-events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${testToken({ sub: 'm', roles: ['mooc-platform'] })}`,
        'x-vneid-signature': signVneidBody(raw, service.config.VNEID_HMAC_SECRET),
      },
      body: raw,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
