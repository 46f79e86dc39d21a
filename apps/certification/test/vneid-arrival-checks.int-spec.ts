import { randomUUID } from 'node:crypto';
import { Kafka, Producer, logLevel } from 'kafkajs';
import { Topics } from '@bdhvs/events';
import { RunningService, startServiceInProcess, testToken } from '@bdhvs/testing';
import { CertificationConfig } from '../src/config/certification-config';
import { signVneidBody } from '../src/certificates/domain/vneid-signature';
import { certificationService } from '../src/service';
import { announceUnits } from './registry-events';

interface KeptForReview {
  reason: string;
  detail: string;
  state: string;
  payload_sealed: string;
}

const UNIT = '03388';
const OLD_SECRET = 'the-old-vneid-secret-0001';
const NEW_SECRET = 'the-new-vneid-secret-0002';

/** Every check on arrival, on the webhook and on the inbound topic, against the real database and broker. */
describe('VNeID events checked on arrival, on both channels', () => {
  let service: RunningService<CertificationConfig>;
  let producer: Producer;

  beforeAll(async () => {
    service = await startServiceInProcess(certificationService, {
      database: 'bdhvs_test_certification',
      env: { VNEID_HMAC_SECRET: `${OLD_SECRET},${NEW_SECRET}` },
    });
    const kafka = new Kafka({
      clientId: 'int-arrival',
      brokers: service.config.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    await producer.connect();
    await announceUnits(service, [UNIT]);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  async function until(done: () => Promise<boolean>, message: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (await done()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(message);
  }

  function event(overrides: Record<string, unknown> = {}) {
    return {
      eventId: randomUUID(),
      type: 'CERTIFIED',
      occurredAt: '2025-09-30T08:00:00Z',
      citizenId: `0120802${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
      fullName: 'Lò Thị Mai',
      dateOfBirth: '1985-03-12',
      unitCode: UNIT,
      programme: 'CITIZEN_BASIC',
      certificateNo: `INT-${randomUUID()}`,
      ...overrides,
    };
  }

  function push(body: object, secret = NEW_SECRET) {
    const raw = JSON.stringify(body);
    return fetch(`${service.url}/api/v1/certification/vneid-events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${testToken({ sub: 'vneid', roles: ['vneid-adapter'] })}`,
        'x-vneid-signature': signVneidBody(raw, secret),
      },
      body: raw,
    });
  }

  async function stored(certificateNo: string): Promise<boolean> {
    const rows = await service.database.dataSource.query(
      'SELECT 1 FROM certificate WHERE certificate_no = $1',
      [certificateNo],
    );
    return rows.length === 1;
  }

  /** Sends the events on the topic, then waits for the bad one in the review queue and the good one stored. */
  async function sendOnTopic(
    bad: ReturnType<typeof event>,
    good: ReturnType<typeof event>,
  ): Promise<KeptForReview> {
    await producer.send({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${Topics.vneidCertificationEvents}`,
      messages: [bad, good].map((e) => ({ key: e.citizenId, value: JSON.stringify(e) })),
    });
    let found: KeptForReview | undefined;
    await until(async () => {
      [found] = await service.database.dataSource.query(
        'SELECT reason, detail, state, payload_sealed FROM review_item WHERE event_id = $1',
        [bad.eventId],
      );
      return found !== undefined && (await stored(good.certificateNo));
    }, `${bad.eventId} never reached the review queue, or its neighbour was not applied`);
    expect(await stored(bad.certificateNo)).toBe(false);
    return found as KeptForReview;
  }

  const cases: [string, Record<string, unknown>, string, string][] = [
    [
      'an occurredAt more than 5 minutes ahead',
      { occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
      'occurredAt',
      'occurred-at',
    ],
    [
      'an occurredAt before the movement began',
      { occurredAt: '2024-12-31T16:59:59Z' },
      'occurredAt',
      'occurred-at',
    ],
    ['a unitCode the registry never announced', { unitCode: '99999' }, 'unitCode', 'unknown-unit'],
    ['a programme VNeID does not certify', { programme: 'CIVIL_SERVANT' }, 'programme', 'unknown-programme'],
  ];

  it.each(cases)('answers 400 naming the field for %s on the webhook', async (_name, overrides, field) => {
    const body = event(overrides);
    const res = await push(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: { field: string }[]; detail: string };
    expect(problem.errors.map((e) => e.field)).toEqual([field]);
    expect(JSON.stringify(problem)).not.toContain(body.citizenId);
    expect(await stored(body.certificateNo)).toBe(false);
    // Nothing of it was recorded: once the cause is fixed, the same eventId is accepted.
    expect((await push({ ...body, ...event({ eventId: body.eventId }) })).status).toBe(202);
  });

  it.each(cases)(
    'keeps the event for review with the reason for %s on the topic',
    async (_name, overrides, field, reason) => {
      const bad = event(overrides);
      const kept = await sendOnTopic(bad, event());
      expect(kept).toMatchObject({ reason, state: 'open' });
      expect(kept.detail).toContain(`${field}:`);
      expect(kept.payload_sealed).not.toContain(bad.citizenId);
    },
  );

  it('accepts an event dated 2025-01-01 at midnight in Vietnam and one 4 minutes ahead', async () => {
    expect((await push(event({ occurredAt: '2024-12-31T17:00:00Z' }))).status).toBe(202);
    expect((await push(event({ occurredAt: new Date(Date.now() + 240_000).toISOString() }))).status).toBe(
      202,
    );
  });

  it('accepts either secret while the secret rotates, and refuses any other with 401', async () => {
    expect((await push(event(), OLD_SECRET)).status).toBe(202);
    expect((await push(event(), NEW_SECRET)).status).toBe(202);
    const refused = await push(event(), 'a-third-secret-not-configured');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });
});
