import { randomInt, randomUUID } from 'node:crypto';
import { Consumer, Kafka, Producer, logLevel } from 'kafkajs';
import { HandoverKeyRing, LearnerSeenV1, Topics, learnerKeyOf } from '@bdhvs/events';
import { toKafkaHeaders } from '@bdhvs/messaging';
import { RunningService, startServiceInProcess, testToken, until } from '@bdhvs/testing';
import { LearnersConfig } from '../src/config/learners-config';
import { composeCitizenId } from '../src/learners/domain/citizen-id';
import { learnersService } from '../src/service';

const admin = { sub: 'int-admin', roles: ['province-admin'] };
const officer = { sub: 'int-officer-seen', roles: ['unit-officer'], unit: '03388' };

describe('learners VNeID made known (certification.learner-seen.v1)', () => {
  let service: RunningService<LearnersConfig>;
  let kafka: Kafka;
  let producer: Producer;
  let watcher: Consumer;
  const dlq: { reason: string; key: string }[] = [];
  const registered: Record<string, unknown>[] = [];

  beforeAll(async () => {
    service = await startServiceInProcess(learnersService, { database: 'bdhvs_test_learners' });
    kafka = new Kafka({
      clientId: 'int-seen',
      brokers: service.config.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    await producer.connect();
    const prefix = service.config.KAFKA_TOPIC_PREFIX;
    watcher = kafka.consumer({ groupId: `int-watch-${randomUUID()}` });
    await watcher.connect();
    await watcher.subscribe({
      topics: [`${prefix}${Topics.learnerSeen}.dlq`, `${prefix}${Topics.learnerRegistered}`],
      fromBeginning: true,
    });
    await watcher.run({
      eachMessage: async ({ topic, message }) => {
        if (topic.endsWith('.dlq'))
          dlq.push({ reason: String(message.headers?.['dlq_reason'] ?? ''), key: String(message.key) });
        else registered.push(JSON.parse(String(message.value)));
      },
    });
  });

  afterAll(async () => {
    await watcher?.disconnect();
    await producer?.disconnect();
    await service?.close();
  });

  const ring = () => new HandoverKeyRing(service.config.VNEID_HANDOVER_KEYS);

  function citizen() {
    const dateOfBirth = `19${randomInt(50, 99)}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`;
    const citizenId = composeCitizenId('012', 'female', dateOfBirth, randomInt(1_000_000));
    return { citizenId, dateOfBirth, learnerKey: learnerKeyOf(citizenId, service.config.PII_HASH_KEY) };
  }

  function seenEvent(c: ReturnType<typeof citizen>, over: Partial<LearnerSeenV1> = {}): LearnerSeenV1 {
    return {
      learnerKey: c.learnerKey,
      unitCode: '03388',
      unitMap: '2025',
      dateOfBirth: c.dateOfBirth,
      ...ring().seal({ citizenId: c.citizenId, fullName: 'Giàng Thị Sua' }, c.learnerKey),
      certificateNo: `INT-SEEN-${randomUUID()}`,
      seenAt: '2025-09-30T08:00:00.000Z',
      sourceEventId: randomUUID(),
      ...over,
    };
  }

  async function publish(events: LearnerSeenV1[]): Promise<void> {
    await producer.send({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${Topics.learnerSeen}`,
      messages: events.map((data) => ({
        key: data.learnerKey,
        value: JSON.stringify(data),
        headers: toKafkaHeaders({
          id: randomUUID(),
          type: Topics.learnerSeen,
          source: 'bdhvs/certification',
          time: new Date().toISOString(),
        }),
      })),
    });
  }

  async function rowsOf(learnerKey: string): Promise<Record<string, unknown>[]> {
    return service.database.dataSource.query(
      `SELECT id, source, completed_at, citizen_id_sealed, full_name_sealed, groups, registered_by
         FROM learner WHERE learner_key = $1`,
      [learnerKey],
    );
  }

  async function call(method: string, path: string, who: object, body?: unknown) {
    const res = await fetch(`${service.url}/api/v1/learners${path}`, {
      method,
      headers: {
        authorization: `Bearer ${testToken(who as { sub: string; roles: string[] })}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  it('registers a citizen once, sealed and blind-indexed, shown as source VNEID', async () => {
    const c = citizen();
    const event = seenEvent(c);
    // Redelivered, replayed and sent again for a second certificate: one learner.
    await publish([event, event, seenEvent(c, { certificateNo: `INT-SEEN-${randomUUID()}` })]);
    const [row] = await until('the registration', async () => {
      const rows = await rowsOf(c.learnerKey);
      return rows.length > 0 ? rows : undefined;
    });
    await publish([event]);
    const marker = citizen();
    await publish([seenEvent(marker)]);
    await until('the marker', async () => ((await rowsOf(marker.learnerKey)).length ? true : undefined));
    expect(await rowsOf(c.learnerKey)).toHaveLength(1);
    expect(row).toMatchObject({ source: 'VNEID', completed_at: null, groups: [], registered_by: 'vneid' });
    expect(String(row['citizen_id_sealed'])).not.toContain(c.citizenId);
    expect(String(row['full_name_sealed'])).not.toContain('Sua');

    const got = await call('GET', `/learners/${row['id']}`, officer);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      source: 'VNEID',
      completedAt: null,
      fullName: 'Giàng Thị Sua',
      citizenId: `${c.citizenId.slice(0, 4)}******${c.citizenId.slice(-2)}`,
      dateOfBirth: c.dateOfBirth,
      sex: 'female',
      unitCode: '03388',
      groups: [],
    });
    const search = await call('GET', `/learners?unit=03388&source=VNEID&pageSize=200`, officer);
    expect(search.status).toBe(200);
    expect(search.json.items.every((l: { source: string }) => l.source === 'VNEID')).toBe(true);
    const onPage = async (page: number): Promise<boolean> => {
      const res = await call('GET', `/learners?unit=03388&source=VNEID&pageSize=200&page=${page}`, officer);
      if (res.json.items.some((l: { id: string }) => l.id === row['id'])) return true;
      return page * 200 < res.json.total ? onPage(page + 1) : false;
    };
    expect(await onPage(1)).toBe(true);
    // Not yet a registered learner of the registry's events: published when an officer completes it.
    expect(registered.some((e) => e['learnerKey'] === c.learnerKey)).toBe(false);
  });

  it("completes that record on an officer's registration instead of creating a second one", async () => {
    const c = citizen();
    await publish([seenEvent(c)]);
    const [seen] = await until('the registration', async () => {
      const rows = await rowsOf(c.learnerKey);
      return rows.length > 0 ? rows : undefined;
    });
    const correction = await call('PATCH', `/learners/${seen['id']}`, admin, {
      groups: ['CITIZEN'],
      reason: 'try',
    });
    expect(correction.status).toBe(409);
    expect(correction.json.type).toBe('/problems/learner-awaits-completion');

    const created = await call('POST', '/learners', officer, {
      citizenId: c.citizenId,
      fullName: 'Giàng Thị Sua',
      dateOfBirth: c.dateOfBirth,
      sex: 'female',
      ethnicity: '03',
      unitCode: '03388',
      groups: ['CITIZEN'],
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      id: seen['id'],
      source: 'VNEID',
      groups: ['CITIZEN'],
      ethnicity: '03',
      registeredBy: 'int-officer-seen',
    });
    expect(created.json.completedAt).not.toBeNull();
    expect(await rowsOf(c.learnerKey)).toHaveLength(1);
    const event = await until('learner-registered', async () =>
      registered.find((e) => e['learnerKey'] === c.learnerKey),
    );
    expect(event).toMatchObject({ learnerId: seen['id'], groups: ['CITIZEN'] });

    const again = await call('POST', '/learners', officer, {
      citizenId: c.citizenId,
      fullName: 'Giàng Thị Sua',
      dateOfBirth: c.dateOfBirth,
      sex: 'female',
      unitCode: '03388',
      groups: ['CITIZEN'],
    });
    expect(again.status).toBe(409);
  });

  it('completes that record from an import row, in the batch, with its event and history', async () => {
    const c = citizen();
    const fresh = citizen();
    await publish([seenEvent(c)]);
    const [seen] = await until('the registration', async () => {
      const rows = await rowsOf(c.learnerKey);
      return rows.length > 0 ? rows : undefined;
    });
    const csv = [
      'citizenId,fullName,dateOfBirth,sex,unitCode,groups,ethnicity',
      `${c.citizenId},Giàng Thị Sua,${c.dateOfBirth},female,03388,CITIZEN,03`,
      `${fresh.citizenId},Lò Thị Pha,${fresh.dateOfBirth},female,03388,CITIZEN,03`,
    ].join('\n');
    const upload = async () => {
      const res = await fetch(`${service.url}/api/v1/learners/learners/import`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${testToken(admin as { sub: string; roles: string[] })}`,
          'content-type': 'text/csv',
        },
        body: csv,
      });
      return { status: res.status, json: await res.json() };
    };
    const first = await upload();
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ accepted: 2, rejected: 0 });

    const [row] = await rowsOf(c.learnerKey);
    expect(row).toMatchObject({ id: seen['id'], source: 'VNEID', groups: ['CITIZEN'] });
    expect(row['completed_at']).not.toBeNull();
    const got = await call('GET', `/learners/${seen['id']}`, admin);
    expect(got.json).toMatchObject({ fullName: 'Giàng Thị Sua', source: 'VNEID', ethnicity: '03' });
    const history = await service.database.dataSource.query(
      'SELECT reason FROM learner_history WHERE learner_id = $1',
      [seen['id']],
    );
    expect(history).toEqual([{ reason: 'registration completed the record VNeID made known' }]);
    const event = await until('learner-registered', async () =>
      registered.find((e) => e['learnerKey'] === c.learnerKey),
    );
    expect(event).toMatchObject({ learnerId: seen['id'], groups: ['CITIZEN'] });

    // Imported again: both are registered now, and said so.
    const second = await upload();
    expect(second.json).toMatchObject({ accepted: 0, rejected: 2 });
    expect(await rowsOf(c.learnerKey)).toHaveLength(1);
  });

  it('dead-letters a handover that does not open or whose key is not the sealed ID, with the reason', async () => {
    const a = citizen();
    const b = citizen();
    const moved = { ...seenEvent(a), learnerKey: b.learnerKey };
    const lying = seenEvent(a, {
      ...ring().seal({ citizenId: b.citizenId, fullName: 'X' }, a.learnerKey),
    });
    const good = citizen();
    await publish([moved, lying, seenEvent(good)]);
    await until('the good one', async () => ((await rowsOf(good.learnerKey)).length ? true : undefined));
    const reasons = await until('two dead letters', async () => {
      const mine = dlq.filter((d) => d.key === a.learnerKey || d.key === b.learnerKey);
      return mine.length >= 2 ? mine : undefined;
    });
    expect(reasons.map((r) => r.reason).sort()).toEqual([
      'rejected: learnerKey: is not the blind index of the sealed citizen ID',
      'rejected: sealed: the sealed identity does not open with the handover key ring',
    ]);
    expect(await rowsOf(a.learnerKey)).toHaveLength(0);
    expect(await rowsOf(b.learnerKey)).toHaveLength(0);
    expect(JSON.stringify(reasons)).not.toContain(a.citizenId);
  });
});
