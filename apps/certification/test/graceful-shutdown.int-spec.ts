import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startServiceInProcess, testToken } from '@bdhvs/testing';
import { signVneidBody } from '../src/certificates/domain/vneid-signature';
import { certificationService } from '../src/service';
import { announceUnits } from './registry-events';

describe('a graceful stop', () => {
  it('publishes everything accepted before it closes', async () => {
    const service = await startServiceInProcess(certificationService, {
      database: 'bdhvs_test_certification',
    });
    await announceUnits(service, ['03408']);
    const token = testToken({ sub: 'vneid', roles: ['vneid-adapter'] });
    const statuses = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const body = JSON.stringify({
          eventId: randomUUID(),
          type: 'CERTIFIED',
          occurredAt: '2025-09-30T08:00:00Z',
          citizenId: `0010850${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
          fullName: `Người học ${i}`,
          dateOfBirth: '1985-03-03',
          unitCode: '03408',
          programme: 'CITIZEN_BASIC',
          certificateNo: `INT-STOP-${randomUUID()}`,
        });
        const res = await fetch(`${service.url}/api/v1/certification/vneid-events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-vneid-signature': signVneidBody(body, service.config.VNEID_HMAC_SECRET),
          },
          body,
        });
        return res.status;
      }),
    );
    expect(statuses.every((s) => s === 202)).toBe(true);
    await service.close();

    const db = new Client({ connectionString: service.config.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM outbox');
      expect(rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });
});
