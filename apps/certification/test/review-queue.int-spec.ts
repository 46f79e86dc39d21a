import { randomUUID } from 'node:crypto';
import { Kafka, Producer, logLevel } from 'kafkajs';
import { Topics } from '@bdhvs/events';
import { RunningService, startServiceInProcess, testToken, until } from '@bdhvs/testing';
import { CertificationConfig } from '../src/config/certification-config';
import { signVneidBody } from '../src/certificates/domain/vneid-signature';
import { certificationService } from '../src/service';
import { announceUnits } from './registry-events';

const UNIT = '03388';
const admin = { sub: 'int-reviewer', roles: ['province-admin'] };

/** The review queue against the real database and broker: kept, listed, reprocessed once, dismissed. */
describe('the review queue', () => {
  let service: RunningService<CertificationConfig>;
  let producer: Producer;

  beforeAll(async () => {
    service = await startServiceInProcess(certificationService, {
      database: 'bdhvs_test_certification',
      env: { REVIEW_REVOCATION_OVERDUE_SECONDS: '1', REVIEW_SWEEP_INTERVAL_MS: '200' },
    });
    const kafka = new Kafka({
      clientId: 'int-review',
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

  function event(overrides: Record<string, unknown> = {}) {
    return {
      eventId: randomUUID(),
      type: 'CERTIFIED',
      occurredAt: '2025-09-30T08:00:00Z',
      citizenId: `0120804${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
      fullName: 'Vàng A Páo',
      dateOfBirth: '1984-02-02',
      unitCode: UNIT,
      programme: 'CITIZEN_BASIC',
      certificateNo: `INT-REV-${randomUUID()}`,
      ...overrides,
    };
  }

  async function onTopic(...events: ReturnType<typeof event>[]): Promise<void> {
    await producer.send({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${Topics.vneidCertificationEvents}`,
      messages: events.map((e) => ({ key: e.citizenId, value: JSON.stringify(e) })),
    });
  }

  async function push(body: object) {
    const raw = JSON.stringify(body);
    const res = await fetch(`${service.url}/api/v1/certification/vneid-events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${testToken({ sub: 'vneid', roles: ['vneid-adapter'] })}`,
        'x-vneid-signature': signVneidBody(raw, service.config.VNEID_HMAC_SECRET.split(',')[0]),
      },
      body: raw,
    });
    expect(res.status).toBe(202);
  }

  async function call(method: string, path: string, body?: unknown, who: object = admin) {
    const res = await fetch(`${service.url}/api/v1/certification/review-items${path}`, {
      method,
      headers: {
        authorization: `Bearer ${testToken(who as { sub: string; roles: string[] })}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      text,
      json: text ? JSON.parse(text) : undefined,
    };
  }

  const itemOf = (eventId: string, reason?: string) =>
    until(`an item for ${eventId}`, async () => {
      const [row] = await service.database.dataSource.query(
        `SELECT id FROM review_item WHERE event_id = $1 ${reason ? 'AND reason = $2' : ''}`,
        reason ? [eventId, reason] : [eventId],
      );
      return (row?.id as string | undefined) ?? undefined;
    });

  const certificates = async (certificateNo: string): Promise<number> =>
    (
      await service.database.dataSource.query(
        'SELECT count(*)::int AS n FROM certificate WHERE certificate_no = $1',
        [certificateNo],
      )
    )[0].n;

  it('keeps a refused event, lists it, and applies it once after the cause is fixed', async () => {
    const unit = `7${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
    const bad = event({ unitCode: unit });
    await onTopic(bad);
    const id = await itemOf(bad.eventId);

    const listed = await call('GET', `?reason=unknown-unit&state=open&pageSize=200`);
    expect(listed.status).toBe(200);
    expect(listed.json.items.every((i: { reason: string }) => i.reason === 'unknown-unit')).toBe(true);
    expect(listed.text).not.toContain(bad.citizenId);
    const later = await call(
      'GET',
      `?reason=unknown-unit&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(later.json.total).toBe(0);

    const item = await call(
      'GET',
      `?reason=unknown-unit&state=open&pageSize=200&page=${Math.max(1, Math.ceil(listed.json.total / 200))}`,
    );
    expect(item.json.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      eventId: bad.eventId,
      unitCode: unit,
      state: 'open',
      topic: Topics.vneidCertificationEvents,
    });

    const early = await call('POST', `/${id}/reprocess`);
    expect(early.status).toBe(409);
    expect(early.type).toContain('application/problem+json');
    expect(early.json.errors.map((e: { field: string }) => e.field)).toEqual(['unitCode']);
    expect(await certificates(bad.certificateNo)).toBe(0);

    await announceUnits(service, [unit]);
    const done = await call('POST', `/${id}/reprocess`);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ state: 'reprocessed', outcome: 'issue', closedBy: 'int-reviewer' });
    const again = await call('POST', `/${id}/reprocess`);
    expect(again.status).toBe(200);
    expect(again.json.closedAt).toBe(done.json.closedAt);
    expect(await certificates(bad.certificateNo)).toBe(1);
    expect((await call('POST', `/${id}/dismissal`, { reason: 'too late' })).status).toBe(409);
  });

  it('dismisses an item with a reason, once, and never applies it', async () => {
    const bad = event({ programme: 'NOT_A_PROGRAMME' });
    await onTopic(bad);
    const id = await itemOf(bad.eventId);
    const missing = await call('POST', `/${id}/dismissal`, {});
    expect(missing.status).toBe(400);
    expect(missing.json.errors.map((e: { field: string }) => e.field)).toContain('reason');
    const officer = await call(
      'POST',
      `/${id}/dismissal`,
      { reason: 'not ours' },
      {
        sub: 'o',
        roles: ['unit-officer'],
        unit: UNIT,
      },
    );
    expect(officer.status).toBe(403);

    const dismissed = await call('POST', `/${id}/dismissal`, { reason: 'a test event of the adapter' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.json).toMatchObject({
      state: 'dismissed',
      dismissalReason: 'a test event of the adapter',
    });
    const twice = await call('POST', `/${id}/dismissal`, { reason: 'again' });
    expect(twice.json.dismissalReason).toBe('a test event of the adapter');
    expect((await call('POST', `/${id}/reprocess`)).json.state).toBe('dismissed');
    expect(await certificates(bad.certificateNo)).toBe(0);
    expect((await call('POST', `/${randomUUID()}/reprocess`)).status).toBe(404);
    expect((await call('GET', '?reason=whatever')).json.errors[0].field).toBe('reason');
  });

  it('keeps each dead letter of the VNeID topic, with its reason and nothing in clear', async () => {
    const undecodable = `int-dlq-${randomUUID()}`;
    const invalid = event({ certificateNo: undefined });
    await producer.send({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${Topics.vneidCertificationEvents}`,
      messages: [
        { key: 'k', value: 'not json at all', headers: { ce_id: undecodable } },
        { key: invalid.citizenId, value: JSON.stringify(invalid) },
      ],
    });
    const garbageId = await itemOf(undecodable, 'dead-lettered');
    const invalidId = await itemOf(invalid.eventId, 'dead-lettered');

    const listed = await call('GET', '?reason=dead-lettered&state=open&pageSize=200');
    expect(listed.text).not.toContain(invalid.citizenId);
    const byId = new Map(listed.json.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(garbageId)).toMatchObject({
      eventId: undecodable,
      detail: 'invalid event: value is not JSON',
      eventType: null,
      certificateNo: null,
      occurredAt: null,
      topic: Topics.vneidCertificationEvents,
    });
    expect(byId.get(invalidId)).toMatchObject({ eventId: invalid.eventId, eventType: null });
    expect((byId.get(invalidId) as { detail: string }).detail).toMatch(/^invalid event: .*certificateNo/);

    // Decoded again, the kept message still breaks the schema: the item stays open until dismissed.
    const retried = await call('POST', `/${invalidId}/reprocess`);
    expect(retried.status).toBe(409);
    expect(retried.json.errors[0].field).toBe('message');
    expect(retried.json.errors[0].message).toMatch(/certificateNo/);
    const dismissed = await call('POST', `/${garbageId}/dismissal`, { reason: 'garbage from a test run' });
    expect(dismissed.json).toMatchObject({ state: 'dismissed', closedBy: 'int-reviewer' });
  });

  it('keeps a revocation whose certificate does not arrive in time, and closes it when it does', async () => {
    const certified = event();
    const revocation = event({
      type: 'REVOKED',
      occurredAt: '2025-10-05T08:00:00Z',
      citizenId: certified.citizenId,
      certificateNo: certified.certificateNo,
      reason: 'issued in error',
    });
    await push(revocation);
    const id = await itemOf(revocation.eventId, 'revocation-overdue');
    const waiting = await call('POST', `/${id}/reprocess`);
    expect(waiting.status).toBe(409);
    expect(waiting.json.errors[0].field).toBe('certificateNo');

    await push(certified);
    const closed = await until('the item closed', async () => {
      const [row] = await service.database.dataSource.query(
        `SELECT state, outcome FROM review_item WHERE id = $1 AND state <> 'open'`,
        [id],
      );
      return row as { state: string; outcome: string } | undefined;
    });
    expect(closed).toEqual({ state: 'reprocessed', outcome: 'revoke' });
    const [cert] = await service.database.dataSource.query(
      'SELECT revoked_at FROM certificate WHERE certificate_no = $1',
      [certified.certificateNo],
    );
    expect(cert.revoked_at).not.toBeNull();
  });
});
