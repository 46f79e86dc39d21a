import { randomUUID } from 'node:crypto';
import { Admin, Consumer, Kafka, logLevel } from 'kafkajs';
import { CourseCompletedV1, HandoverKeyRing, LearnerSeenV1, Topics, learnerKeyOf } from '@bdhvs/events';
import { RunningService, startServiceInProcess, testToken } from '@bdhvs/testing';
import { CertificationConfig } from '../src/config/certification-config';
import { signVneidBody } from '../src/certificates/domain/vneid-signature';
import { certificationService } from '../src/service';
import { announceLearner, announceUnits, publish } from './registry-events';

const COMMUNE = '03388';

interface Seen {
  topic: string;
  key: string;
  raw: string;
  value: Record<string, unknown>;
}

describe('certification hands over unknown learners and asks VNeID to certify', () => {
  let service: RunningService<CertificationConfig>;
  let watcher: Consumer;
  let kafkaAdmin: Admin;
  const seen: Seen[] = [];
  const consumedUpTo = new Map<string, number>();
  const watched = [Topics.learnerSeen, Topics.vneidCertificationRequests];

  beforeAll(async () => {
    service = await startServiceInProcess(certificationService, { database: 'bdhvs_test_certification' });
    await announceUnits(service, [COMMUNE]);
    const kafka = new Kafka({
      clientId: 'int-handover',
      brokers: service.config.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    watcher = kafka.consumer({ groupId: `int-watch-${randomUUID()}` });
    await watcher.connect();
    await watcher.subscribe({
      topics: watched.map((t) => `${service.config.KAFKA_TOPIC_PREFIX}${t}`),
      fromBeginning: true,
    });
    await watcher.run({
      eachMessage: async ({ topic, partition, message }) => {
        consumedUpTo.set(`${topic}/${partition}`, Number(message.offset) + 1);
        const raw = `${String(message.key)}|${JSON.stringify(message.headers)}|${String(message.value)}`;
        seen.push({ topic, key: String(message.key), raw, value: JSON.parse(String(message.value)) });
      },
    });
  });

  afterAll(async () => {
    await watcher?.disconnect();
    await kafkaAdmin?.disconnect();
    await service?.close();
  });

  const citizenId = () => `0121903${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
  const keyOf = (id: string) => learnerKeyOf(id, service.config.PII_HASH_KEY);
  const on = (topic: string) =>
    seen.filter((m) => m.topic === `${service.config.KAFKA_TOPIC_PREFIX}${topic}`);

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
      certificateNo: `INT-HAND-${randomUUID()}`,
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

  /** Everything committed is published and the watcher has read it: `seen` holds all there is. */
  async function settled(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [{ n }] = await service.database.dataSource.query('SELECT count(*)::int AS n FROM outbox');
      const ends = await Promise.all(
        watched.map(async (t) => ({
          topic: `${service.config.KAFKA_TOPIC_PREFIX}${t}`,
          offsets: await kafkaAdmin.fetchTopicOffsets(`${service.config.KAFKA_TOPIC_PREFIX}${t}`),
        })),
      );
      const caughtUp = ends.every(({ topic, offsets }) =>
        offsets.every((o) => Number(o.high) <= (consumedUpTo.get(`${topic}/${o.partition}`) ?? 0)),
      );
      if (n === 0 && caughtUp) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the outbox and the watcher did not settle in 30 s');
  }

  const completionsApplied = async (): Promise<number> =>
    (
      await service.database.dataSource.query(
        `SELECT count(*)::int AS n FROM inbox WHERE topic LIKE '%' || $1`,
        [Topics.courseCompleted],
      )
    )[0].n;

  async function inboxHas(n: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if ((await completionsApplied()) >= n) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the inbox did not reach ${n} completions in 30 s`);
  }

  it('hands a citizen the registry does not know over to it, sealed, and nobody it knows', async () => {
    const unknown = citizenId();
    const known = citizenId();
    await announceLearner(service, { learnerId: randomUUID(), learnerKey: keyOf(known), unitCode: COMMUNE });
    const first = await certify(unknown);
    await certify(known);
    await settled();

    const handed = on(Topics.learnerSeen).filter((m) => m.key === keyOf(unknown));
    expect(handed).toHaveLength(1);
    const data = handed[0].value as unknown as LearnerSeenV1;
    expect(data).toMatchObject({
      learnerKey: keyOf(unknown),
      unitCode: COMMUNE,
      dateOfBirth: '1990-06-01',
      certificateNo: first.certificateNo,
    });
    expect(handed[0].raw).not.toContain(unknown);
    expect(handed[0].raw).not.toContain('Sua');
    expect(
      new HandoverKeyRing(service.config.VNEID_HANDOVER_KEYS).open(
        data.sealed,
        data.sealedKeyId,
        data.learnerKey,
      ),
    ).toEqual({
      citizenId: unknown,
      fullName: 'Giàng Thị Sua',
    });
    expect(on(Topics.learnerSeen).some((m) => m.key === keyOf(known))).toBe(false);
  });

  function completion(id: string, learnerId: string, programmes: string[]): CourseCompletedV1 {
    return {
      enrolmentId: randomUUID(),
      learnerId,
      learnerKey: keyOf(id),
      unitCode: COMMUNE,
      courseId: randomUUID(),
      courseCode: 'INT-101',
      groups: ['CITIZEN'],
      programmes: programmes.map((code) => ({ code, version: 1, group: 'CITIZEN', studentLevels: [] })),
      competencies: [],
      completionRule: 'ALL_REQUIRED_MODULES',
      completedVia: 'MOOC',
      completedAt: '2025-10-01T08:00:00Z',
    };
  }

  const requestsOf = async (learnerId: string, claims: { roles: string[]; unit?: string }) => {
    const res = await fetch(
      `${service.url}/api/v1/certification/learners/${learnerId}/certification-requests`,
      {
        headers: { authorization: `Bearer ${testToken({ sub: 'reader', ...claims })}` },
      },
    );
    return { status: res.status, body: await res.json() };
  };

  it('asks VNeID once per learner and programme it confirms, and links the certificate that answers', async () => {
    const id = citizenId();
    const learnerId = randomUUID();
    const before = await completionsApplied();
    const done = completion(id, learnerId, ['CITIZEN_BASIC', 'NOT_A_VNEID_PROGRAMME']);
    // Delivered, redelivered under another id, and a second course of the same programme.
    await publish(service, Topics.courseCompleted, [
      { key: learnerId, data: done },
      { key: learnerId, data: done },
      { key: learnerId, data: { ...completion(id, learnerId, ['CITIZEN_BASIC']), courseCode: 'INT-102' } },
    ]);
    await inboxHas(before + 3);
    await settled();

    const asked = on(Topics.vneidCertificationRequests).filter((m) => m.key === keyOf(id));
    expect(asked.map((m) => m.value['programme'])).toEqual(['CITIZEN_BASIC']);
    expect(asked[0].value).toMatchObject({ learnerId, unitCode: COMMUNE, courseCode: 'INT-101' });
    expect(asked[0].raw).not.toContain(id);

    const open = await requestsOf(learnerId, { roles: ['unit-officer'], unit: COMMUNE });
    expect(open.status).toBe(200);
    expect(open.body).toEqual([
      expect.objectContaining({ programme: 'CITIZEN_BASIC', state: 'requested', certificateNo: null }),
    ]);

    const answer = await certify(id);
    const confirmed = await requestsOf(learnerId, { roles: ['province-admin'] });
    expect(confirmed.body).toEqual([
      expect.objectContaining({
        requestId: asked[0].value['requestId'],
        state: 'confirmed',
        certificateNo: answer.certificateNo,
        confirmedAt: '2025-09-30T08:00:00.000Z',
      }),
    ]);
    expect((await requestsOf(learnerId, { roles: ['unit-officer'], unit: '03408' })).status).toBe(403);
  });

  it('asks nothing for a programme the learner already holds, and says so', async () => {
    const id = citizenId();
    const learnerId = randomUUID();
    const held = await certify(id, { programme: 'PUBLIC_SECTOR_DIGITAL' });
    const before = await completionsApplied();
    await publish(service, Topics.courseCompleted, [
      { key: learnerId, data: completion(id, learnerId, ['PUBLIC_SECTOR_DIGITAL']) },
    ]);
    await inboxHas(before + 1);
    await settled();
    expect(on(Topics.vneidCertificationRequests).some((m) => m.key === keyOf(id))).toBe(false);
    expect((await requestsOf(learnerId, { roles: ['province-admin'] })).body).toEqual([
      expect.objectContaining({ state: 'already-certified', certificateNo: held.certificateNo }),
    ]);
    expect((await requestsOf(randomUUID(), { roles: ['province-admin'] })).status).toBe(404);
  });
});
