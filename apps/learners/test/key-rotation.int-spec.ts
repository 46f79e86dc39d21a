import { createHash, randomInt } from 'node:crypto';
import { Client } from 'pg';
import { RunningService, startServiceInProcess, testToken } from '@bdhvs/testing';
import { LearnersConfig } from '../src/config/learners-config';
import { composeCitizenId } from '../src/learners/domain/citizen-id';
import { learnersService } from '../src/service';

// A fixed test key, so the rows of earlier runs stay readable in this database.
const K2 = createHash('sha256').update('bdhvs-int-rotation-k2').digest('base64');

describe('rotating the personal-data key against the real database', () => {
  const database = 'bdhvs_test_learners_rotation';
  let before: RunningService<LearnersConfig>;
  let after: RunningService<LearnersConfig> | undefined;
  const admin = testToken({ sub: 'int-admin', roles: ['province-admin'] });

  beforeAll(async () => {
    before = await startServiceInProcess(learnersService, { database });
  });

  afterAll(async () => {
    await after?.close();
    await before?.close();
  });

  interface Answer {
    id: string;
    fullName: string;
    citizenId: string;
    remaining: number;
  }

  async function call(service: RunningService<LearnersConfig>, method: string, path: string, body?: unknown) {
    const res = await fetch(`${service.url}/api/v1/learners${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as Answer };
  }

  it('reads values sealed with the old key and seals them again with the new one', async () => {
    const dateOfBirth = '1975-05-05';
    const registered = await call(before, 'POST', '/learners', {
      citizenId: composeCitizenId('012', 'male', dateOfBirth, randomInt(1_000_000)),
      fullName: 'Giàng A Sử',
      dateOfBirth,
      sex: 'male',
      unitCode: '03388',
      groups: ['CITIZEN'],
    });
    expect(registered.status).toBe(201);
    await before.close();

    // The old key stays in the ring as k1 (PII_ENCRYPTION_KEY); k2 becomes current.
    after = await startServiceInProcess(learnersService, {
      database,
      env: { PII_ENCRYPTION_KEYS: `k2:${K2}`, PII_ENCRYPTION_KEY_ID: 'k2' },
    });
    expect((await call(after, 'GET', `/learners/${registered.json.id}`)).json.fullName).toBe('Giàng A Sử');

    let remaining = 1;
    while (remaining > 0)
      remaining = (await call(after, 'POST', '/learners/personal-data/reseal')).json.remaining;

    const db = new Client({ connectionString: after.config.DATABASE_URL });
    await db.connect();
    try {
      const keys = await db.query('SELECT DISTINCT pii_key_id FROM learner WHERE pii_key_id IS NOT NULL');
      expect(keys.rows).toEqual([{ pii_key_id: 'k2' }]);
    } finally {
      await db.end();
    }
    expect((await call(after, 'GET', `/learners/${registered.json.id}`)).json).toMatchObject({
      fullName: 'Giàng A Sử',
      citizenId: registered.json.citizenId,
    });
  });
});
