import { randomUUID } from 'node:crypto';
import { learnerKeyOf } from '@bdhvs/events';
import { RunningService, startServiceInProcess, testToken } from '@bdhvs/testing';
import { CertificationConfig } from '../src/config/certification-config';
import { signVneidBody } from '../src/certificates/domain/vneid-signature';
import { certificationService } from '../src/service';
import { announceLearner, announceUnits } from './registry-events';

const COMMUNE = '03388';
const OTHER_COMMUNE = '03408';

describe('reading certificates', () => {
  let service: RunningService<CertificationConfig>;

  beforeAll(async () => {
    service = await startServiceInProcess(certificationService, {
      database: 'bdhvs_test_certification',
      env: { VERIFY_RATE_LIMIT_PER_MINUTE: '8' },
    });
    await announceUnits(service, [COMMUNE, OTHER_COMMUNE]);
  });

  afterAll(() => service?.close());

  const citizenId = () => `0120803${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;

  async function certify(id: string, overrides: Record<string, unknown> = {}) {
    const body = JSON.stringify({
      eventId: randomUUID(),
      type: 'CERTIFIED',
      occurredAt: '2025-09-30T08:00:00Z',
      citizenId: id,
      fullName: 'Giàng Thị Sua',
      dateOfBirth: '1990-06-01',
      unitCode: COMMUNE,
      programme: 'CITIZEN_BASIC',
      certificateNo: `INT-READ-${randomUUID()}`,
      ...overrides,
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
    return JSON.parse(body) as { certificateNo: string };
  }

  const list = (learnerId: string, claims: { roles: string[]; unit?: string }) =>
    fetch(`${service.url}/api/v1/certification/learners/${learnerId}/certificates`, {
      headers: { authorization: `Bearer ${testToken({ sub: 'reader', ...claims })}` },
    });

  describe('listLearnerCertificates', () => {
    it("lists a learner's certificates to the province and to their own unit, not to another", async () => {
      const id = citizenId();
      const learnerId = randomUUID();
      await announceLearner(service, {
        learnerId,
        learnerKey: learnerKeyOf(id, service.config.PII_HASH_KEY),
        unitCode: COMMUNE,
      });
      const basic = await certify(id);
      const other = await certify(id, {
        programme: 'PUBLIC_SECTOR_DIGITAL',
        occurredAt: '2025-10-01T08:00:00Z',
      });

      const admin = await list(learnerId, { roles: ['province-admin'] });
      expect(admin.status).toBe(200);
      const body = (await admin.json()) as { certificateNo: string; holderName: string }[];
      expect(body.map((c) => c.certificateNo)).toEqual([basic.certificateNo, other.certificateNo]);
      expect(JSON.stringify(body)).not.toContain(id);
      expect(JSON.stringify(body)).not.toContain('Giàng Thị Sua');

      expect((await list(learnerId, { roles: ['unit-officer'], unit: COMMUNE })).status).toBe(200);
      expect((await list(learnerId, { roles: ['unit-officer'], unit: '12' })).status).toBe(200);
      const outside = await list(learnerId, { roles: ['unit-officer'], unit: OTHER_COMMUNE });
      expect(outside.status).toBe(403);
      expect(outside.headers.get('content-type')).toContain('application/problem+json');
      expect((await list(learnerId, { roles: ['mooc-platform'] })).status).toBe(403);
    });

    it('answers 404 for a learner the registry never announced, 400 naming a malformed id', async () => {
      const unknown = await list(randomUUID(), { roles: ['province-admin'] });
      expect(unknown.status).toBe(404);
      const malformed = await list('not-a-uuid', { roles: ['province-admin'] });
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { errors: { field: string }[] }).errors[0].field).toBe('learnerId');
    });
  });

  describe('verifyCertificate', () => {
    const verify = (certificateNo: string, client: string) =>
      fetch(
        `${service.url}/api/v1/certification/certificates/${encodeURIComponent(certificateNo)}/verification`,
        { headers: { 'x-forwarded-for': client } },
      );

    it('answers an unknown number and a malformed one alike', async () => {
      const client = `198.51.100.${Math.floor(Math.random() * 250)}`;
      const unknown = await verify('BDHVS-2025-999999', client);
      const malformed = await verify('%%not a number at all%%', client);
      expect([unknown.status, malformed.status]).toEqual([200, 200]);
      const [a, b] = [(await unknown.json()) as object, (await malformed.json()) as object];
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
      expect(a).toMatchObject({ status: 'unknown' });
      expect(b).toMatchObject({ status: 'unknown' });
    });

    it('limits each client, answering 429 with Retry-After, and leaves other clients alone', async () => {
      const { certificateNo } = await certify(citizenId());
      const client = `203.0.113.${Math.floor(Math.random() * 250)}`;
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      // Two windows' worth at most: a window may turn over once in the middle.
      for (let i = 0; i < 17 && retryAfter === null; i++) {
        const res = await verify(certificateNo, client);
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          expect(res.headers.get('content-type')).toContain('application/problem+json');
        }
      }
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      expect((await verify(certificateNo, `${client}1`)).status).toBe(200);
    });
  });
});
