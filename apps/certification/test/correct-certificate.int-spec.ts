import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { Topics } from '@bdhvs/events';
import { RunningService, startServiceInProcess, testToken } from '@bdhvs/testing';
import { CertificationConfig } from '../src/config/certification-config';
import { signVneidBody } from '../src/certificates/domain/vneid-signature';
import { certificationService } from '../src/service';
import { announceUnits } from './registry-events';

const WRONG = '03388';
const RIGHT = '03408';

interface Seen {
  type: string;
  value: Record<string, string>;
}

describe('correctCertificate against the real database and broker', () => {
  let service: RunningService<CertificationConfig>;
  let watcher: Consumer;
  const seen: Seen[] = [];

  beforeAll(async () => {
    service = await startServiceInProcess(certificationService, { database: 'bdhvs_test_certification' });
    await announceUnits(service, [WRONG, RIGHT]);
    const kafka = new Kafka({
      clientId: 'int-correct',
      brokers: service.config.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    watcher = kafka.consumer({ groupId: `int-correct-${randomUUID()}` });
    await watcher.connect();
    const prefix = service.config.KAFKA_TOPIC_PREFIX;
    await watcher.subscribe({
      topics: [`${prefix}${Topics.certificateIssued}`, `${prefix}${Topics.certificateRevoked}`],
      fromBeginning: true,
    });
    await watcher.run({
      eachMessage: async ({ message }) => {
        seen.push({
          type: String(message.headers?.['ce_type']),
          value: JSON.parse(message.value?.toString() ?? '{}'),
        });
      },
    });
  });

  afterAll(async () => {
    await watcher?.disconnect();
    await service?.close();
  });

  async function certify(): Promise<string> {
    const certificateNo = `INT-CORR-${randomUUID()}`;
    const body = JSON.stringify({
      eventId: randomUUID(),
      type: 'CERTIFIED',
      occurredAt: '2025-09-30T08:00:00Z',
      citizenId: `0120804${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
      fullName: 'Tẩn Văn Lở',
      dateOfBirth: '1979-02-02',
      unitCode: WRONG,
      programme: 'CITIZEN_BASIC',
      certificateNo,
    });
    const res = await fetch(`${service.url}/api/v1/certification/vneid-events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${testToken({ sub: 'vneid', roles: ['vneid-adapter'] })}`,
        'x-vneid-signature': signVneidBody(body, service.config.VNEID_HMAC_SECRET),
      },
      body,
    });
    expect(res.status).toBe(202);
    return certificateNo;
  }

  const correct = (certificateNo: string, body: object, roles = ['province-admin']) =>
    fetch(`${service.url}/api/v1/certification/certificates/${certificateNo}/corrections`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${testToken({ sub: 'admin-1', roles })}`,
      },
      body: JSON.stringify(body),
    });

  async function eventsOf(certificateNo: string, count: number): Promise<Seen[]> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const found = seen.filter((s) => s.value['certificateNo'] === certificateNo);
      if (found.length >= count) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`fewer than ${count} events for ${certificateNo}`);
  }

  it('publishes a revoke-and-reissue pair at the issue instant and keeps the history', async () => {
    const certificateNo = await certify();
    const res = await correct(certificateNo, { unitCode: RIGHT, reason: 'former residence sent by VNeID' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ certificateNo, unitCode: RIGHT, status: 'valid' });

    // Two topics: the watcher sees them in no particular order between each other.
    const events = await eventsOf(certificateNo, 3);
    const issues = events.filter((e) => e.type === Topics.certificateIssued);
    const issued = issues.find((e) => e.value['unitCode'] === WRONG) as Seen;
    const reissued = issues.find((e) => e.value['unitCode'] === RIGHT) as Seen;
    const revoked = events.find((e) => e.type === Topics.certificateRevoked) as Seen;
    expect(issues).toHaveLength(2);
    expect(revoked).toMatchObject({
      type: Topics.certificateRevoked,
      value: {
        certificateId: issued.value['certificateId'],
        unitCode: WRONG,
        revokedAt: '2025-09-30T08:00:00.000Z',
        reason: 'corrected: former residence sent by VNeID',
      },
    });
    expect(reissued).toMatchObject({
      type: Topics.certificateIssued,
      value: { unitCode: RIGHT, issuedAt: '2025-09-30T08:00:00.000Z' },
    });
    expect(reissued.value['certificateId']).not.toBe(issued.value['certificateId']);

    const history = await service.database.dataSource.query(
      'SELECT from_unit_code, to_unit_code, corrected_by FROM certificate_correction WHERE certificate_no = $1',
      [certificateNo],
    );
    expect(history).toEqual([{ from_unit_code: WRONG, to_unit_code: RIGHT, corrected_by: 'admin-1' }]);
    const verification = await fetch(
      `${service.url}/api/v1/certification/certificates/${certificateNo}/verification`,
    );
    expect(await verification.json()).toMatchObject({ status: 'valid' });
  });

  it('refuses bad corrections with a problem naming the field, and other roles with 403', async () => {
    const certificateNo = await certify();
    const unknownUnit = await correct(certificateNo, { unitCode: '99999', reason: 'typo' });
    expect(unknownUnit.status).toBe(400);
    expect(((await unknownUnit.json()) as { errors: { field: string }[] }).errors[0].field).toBe('unitCode');
    const noReason = await correct(certificateNo, { programme: 'PUBLIC_SECTOR_DIGITAL' });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { errors: { field: string }[] }).errors[0].field).toBe('reason');
    expect(
      (await correct(certificateNo, { unitCode: RIGHT, reason: 'x-y-z' }, ['unit-officer'])).status,
    ).toBe(403);
    expect((await correct('INT-NOBODY', { unitCode: RIGHT, reason: 'x-y-z' })).status).toBe(404);
  });
});
