import fs from 'node:fs';
import { randomInt, randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { CertificateIssuedV1, Topics } from '@bdhvs/events';
import { toKafkaHeaders } from '@bdhvs/messaging';
import { RunningService, startServiceInProcess, testToken } from '@bdhvs/testing';
import { LearnersConfig } from '../src/config/learners-config';
import { composeCitizenId } from '../src/learners/domain/citizen-id';
import { learnerKeyOf } from '@bdhvs/events';
import { learnersService } from '../src/service';

/** Everything the service writes to stdout/stderr (pino writes to the file descriptors directly). */
const logged: string[] = [];
function captureLogs(): () => void {
  const writeSync = fs.writeSync;
  const write = fs.write;
  const out = process.stdout.write;
  const err = process.stderr.write;
  const keep = (fd: unknown, data: unknown) => {
    if ((fd === 1 || fd === 2) && (typeof data === 'string' || Buffer.isBuffer(data)))
      logged.push(String(data));
  };
  // The service's JSON log lines are kept for the checks below, not echoed into the test report.
  const isServiceLog = (data: unknown) => String(data).startsWith('{"level"');
  (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    keep(fd, data);
    if ((fd === 1 || fd === 2) && isServiceLog(data)) return Buffer.byteLength(String(data));
    return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  };
  (fs as { write: unknown }).write = (fd: number, data: unknown, ...rest: unknown[]) => {
    keep(fd, data);
    return (write as (...a: unknown[]) => void)(fd, data, ...rest);
  };
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(1, chunk);
    return (out as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(2, chunk);
    return (err as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
  }) as typeof process.stderr.write;
  return () => {
    (fs as { writeSync: unknown }).writeSync = writeSync;
    (fs as { write: unknown }).write = write;
    process.stdout.write = out;
    process.stderr.write = err;
  };
}

interface Seen {
  key: string;
  headers: Record<string, string>;
  value: Record<string, unknown>;
  raw: string;
}

const admin = { sub: 'int-admin', roles: ['province-admin'] };
const officerDoanKet = { sub: 'int-officer-dk', roles: ['unit-officer'], unit: '03388' };
const officerBinhLu = { sub: 'int-officer-bl', roles: ['unit-officer'], unit: '03390' };

describe('learners registry against the real database and broker', () => {
  let service: RunningService<LearnersConfig>;
  let consumer: Consumer;
  let restoreLogs: () => void;
  const seen: Seen[] = [];

  beforeAll(async () => {
    restoreLogs = captureLogs();
    service = await startServiceInProcess(learnersService, {
      database: 'bdhvs_test_learners',
      env: {
        LOG_LEVEL: 'info',
        LEARNERS_IMPORT_BATCH: '3',
        LEARNERS_IMPORT_MAX_BYTES: '65536',
        LEARNERS_IMPORT_ASYNC_BYTES: '16384',
      },
    });
    const kafka = new Kafka({
      clientId: 'int',
      brokers: service.config.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    consumer = kafka.consumer({ groupId: `int-watch-${randomUUID()}` });
    await consumer.connect();
    // This run's own topics (the harness prefixes them), read from their beginning.
    const prefix = service.config.KAFKA_TOPIC_PREFIX;
    await consumer.subscribe({
      topics: [
        Topics.learnerRegistered,
        Topics.learnerUpdated,
        Topics.villageRegistered,
        Topics.unitRegistered,
      ].map((t) => `${prefix}${t}`),
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const raw = `${message.key?.toString()}|${JSON.stringify(message.headers)}|${message.value?.toString()}`;
        seen.push({
          key: message.key?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          value: JSON.parse(message.value?.toString() ?? '{}'),
          raw,
        });
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await service?.close();
    restoreLogs?.();
  });

  function person(overrides: Record<string, unknown> = {}) {
    const sex = (overrides['sex'] as 'male' | 'female') ?? (randomInt(2) ? 'male' : 'female');
    const dateOfBirth =
      (overrides['dateOfBirth'] as string) ??
      `19${randomInt(50, 99)}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`;
    const citizenId = composeCitizenId('012', sex, dateOfBirth, randomInt(1_000_000));
    return {
      citizenId,
      fullName: 'Lò Thị Mai',
      dateOfBirth,
      sex,
      ethnicity: '03',
      unitCode: '03388',
      groups: ['CITIZEN'],
      ...overrides,
    };
  }

  async function call(
    method: string,
    path: string,
    who: object,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${service.url}/api/v1/learners${path}`, {
      method,
      headers: {
        authorization: `Bearer ${testToken(who as { sub: string; roles: string[] })}`,
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
  }

  async function published(learnerId: string, topic: string): Promise<Seen> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const found = seen.find((m) => m.value['learnerId'] === learnerId && m.headers['ce_type'] === topic);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${learnerId} never published on ${topic}`);
  }

  it('registers a learner (name in NFC, citizen ID masked) and publishes learner-registered without PII', async () => {
    const body = person({
      fullName: 'Lò Thị Mai'.normalize('NFD'),
      groups: ['PUBLIC_SECTOR', 'CITIZEN'],
      employer: 'UBND phường Đoàn Kết',
    });
    const created = await call('POST', '/learners', admin, body);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      fullName: 'Lò Thị Mai'.normalize('NFC'),
      citizenId: `${body.citizenId.slice(0, 4)}******${body.citizenId.slice(-2)}`,
      citizenIdRevealed: false,
      unitCode: '03388',
      groups: ['PUBLIC_SECTOR', 'CITIZEN'],
      certified: false,
      registeredBy: 'int-admin',
    });
    const got = await call('GET', `/learners/${created.json.id}`, officerDoanKet);
    expect(got.status).toBe(200);
    expect(got.json.citizenId).toBe(created.json.citizenId);

    const message = await published(created.json.id, Topics.learnerRegistered);
    expect(message.key).toBe(created.json.id);
    expect(message.value).toMatchObject({
      learnerId: created.json.id,
      unitCode: '03388',
      sex: body.sex,
      dateOfBirth: body.dateOfBirth,
    });
    expect(message.value['learnerKey']).toMatch(/^[0-9a-f]{64}$/);
    expect(message.raw).not.toContain(body.citizenId);
    expect(message.raw).not.toContain('Mai');
  });

  it('answers the same citizen ID again with 409 naming the existing learner', async () => {
    const body = person();
    const first = await call('POST', '/learners', admin, body);
    const again = await call('POST', '/learners', officerDoanKet, { ...body, fullName: 'Someone Else' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.json).toMatchObject({
      type: '/problems/learner-already-registered',
      status: 409,
      learnerId: first.json.id,
    });
  });

  it('replays the answer for the same Idempotency-Key and body, and refuses another body with 422', async () => {
    const body = person();
    const key = randomUUID();
    const first = await call('POST', '/learners', admin, body, { 'idempotency-key': key });
    const replay = await call('POST', '/learners', admin, body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.json).toEqual(first.json);
    const other = await call(
      'POST',
      '/learners',
      admin,
      { ...body, fullName: 'Lò Văn Pấu' },
      { 'idempotency-key': key },
    );
    expect(other.status).toBe(422);
    expect(other.json.type).toBe('/problems/idempotency-key-reused');
  });

  it('names each bad field: citizen ID, future birth date, unknown unit and ethnicity', async () => {
    const future = await call(
      'POST',
      '/learners',
      admin,
      person({ dateOfBirth: '2999-01-01', citizenId: '012099000001' }),
    );
    expect(future.status).toBe(400);
    expect(future.json.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'dateOfBirth', message: 'dateOfBirth must not be in the future' }),
      ]),
    );
    const bad = await call(
      'POST',
      '/learners',
      admin,
      person({ citizenId: '999180012345', unitCode: '99999', ethnicity: '77' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'citizenId',
      'ethnicity',
      'unitCode',
    ]);
    const wrongSex = person({ sex: 'male', dateOfBirth: '1990-05-05' });
    const mismatch = await call('POST', '/learners', admin, { ...wrongSex, sex: 'female' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.errors[0].field).toBe('citizenId');
    const unknownField = await call('POST', '/learners', admin, { ...person(), favouriteColour: 'blue' });
    expect(unknownField.status).toBe(400);
  });

  it("refuses a commune officer another commune's learner (403), and registering there", async () => {
    const created = await call('POST', '/learners', admin, person({ unitCode: '03390' }));
    const refused = await call('GET', `/learners/${created.json.id}`, officerDoanKet);
    expect(refused.status).toBe(403);
    expect(refused.json.type).toBe('/problems/outside-unit');
    expect((await call('GET', `/learners/${created.json.id}`, officerBinhLu)).status).toBe(200);
    expect((await call('POST', '/learners', officerDoanKet, person({ unitCode: '03390' }))).status).toBe(403);
    const page = await call('GET', '/learners?pageSize=200', officerDoanKet);
    expect(page.json.items.every((l: { unitCode: string }) => l.unitCode === '03388')).toBe(true);
    expect((await call('GET', '/learners?unit=03390', officerDoanKet)).status).toBe(403);
  });

  it('lets a MOOC platform read back only the learners it registered', async () => {
    const moodle = { sub: `moodle-${randomUUID()}`, roles: ['mooc-platform'] };
    const mine = await call('POST', '/learners', moodle, person());
    const theirs = await call('POST', '/learners', admin, person());
    expect(mine.status).toBe(201);
    expect((await call('GET', `/learners/${mine.json.id}`, moodle)).status).toBe(200);
    expect((await call('GET', `/learners/${theirs.json.id}`, moodle)).status).toBe(403);
    const page = await call('GET', '/learners', moodle);
    expect(page.json.items.map((l: { id: string }) => l.id)).toEqual([mine.json.id]);
    expect(page.json.total).toBe(1);
  });

  it('searches a unit subtree by group and age band, in a stable order by id, page by page', async () => {
    const tag = { unitCode: '03394', groups: ['STUDENT'], studentLevel: 'UPPER_SECONDARY' };
    const students = await Promise.all(
      [0, 1, 2].map(() =>
        call('POST', '/learners', admin, person({ ...tag, dateOfBirth: '2009-03-03', sex: 'female' })),
      ),
    );
    const elder = await call(
      'POST',
      '/learners',
      admin,
      person({ unitCode: '03394', dateOfBirth: '1950-01-01' }),
    );
    expect(elder.json.elderly).toBe(true);
    const ids = students.map((s) => s.json.id).sort();
    const listed: string[] = [];
    for (let page = 1; ; page++) {
      const res = await call(
        'GET',
        `/learners?unit=03394&group=STUDENT&ageBand=16-17&pageSize=2&page=${page}`,
        admin,
      );
      expect(res.status).toBe(200);
      listed.push(...res.json.items.map((l: { id: string; groups: string[] }) => l.id));
      if (res.json.items.length < 2) {
        expect(listed).toHaveLength(res.json.total);
        break;
      }
    }
    expect(listed.filter((id: string) => ids.includes(id))).toEqual(ids);
    expect(listed).toEqual([...listed].sort());
    // Registered by a platform of its own, whose search sees only its learners: the page holds exactly them.
    const moodle = { sub: `moodle-${randomUUID()}`, roles: ['mooc-platform'] };
    const ownElder = await call(
      'POST',
      '/learners',
      moodle,
      person({ unitCode: '03394', dateOfBirth: '1950-01-01' }),
    );
    await call('POST', '/learners', moodle, person({ unitCode: '03394', dateOfBirth: '1990-01-01' }));
    const elders = await call('GET', '/learners?unit=12&ageBand=60%2B&certified=false', moodle);
    expect(elders.json.items.map((l: { id: string }) => l.id)).toEqual([ownElder.json.id]);
  });

  it('corrects a learner with a reason, keeps the history without personal data and publishes before/after', async () => {
    const created = await call('POST', '/learners', admin, person());
    const corrected = await call('PATCH', `/learners/${created.json.id}`, officerDoanKet, {
      reason: 'moved house',
      fullName: 'Lò Thị Mai Anh',
      groups: ['CITIZEN', 'ENTERPRISE_WORKER'],
    });
    expect(corrected.status).toBe(200);
    expect(corrected.json).toMatchObject({
      fullName: 'Lò Thị Mai Anh',
      groups: ['CITIZEN', 'ENTERPRISE_WORKER'],
    });
    const message = await published(created.json.id, Topics.learnerUpdated);
    expect(message.value).toMatchObject({
      before: { groups: ['CITIZEN'] },
      after: { groups: ['CITIZEN', 'ENTERPRISE_WORKER'] },
    });
    expect(message.raw).not.toContain('Mai');
    const moveAway = await call('PATCH', `/learners/${created.json.id}`, officerDoanKet, {
      reason: 'moved',
      unitCode: '03390',
    });
    expect(moveAway.status).toBe(403);
    const noReason = await call('PATCH', `/learners/${created.json.id}`, officerDoanKet, {
      groups: ['CITIZEN'],
    });
    expect(noReason.status).toBe(400);
    const exported = await call('GET', `/learners/${created.json.id}/personal-data`, admin, undefined, {
      'x-access-reason': 'data subject request #1',
    });
    expect(exported.json.history).toEqual([
      expect.objectContaining({
        reason: 'moved house',
        before: { fullName: '[changed]', groups: ['CITIZEN'] },
        after: { fullName: '[changed]', groups: ['CITIZEN', 'ENTERPRISE_WORKER'] },
      }),
    ]);
    expect(exported.json.learner.citizenIdRevealed).toBe(true);
    expect(exported.json.accessLog.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['read', 'export']),
    );
  });

  it('reveals a citizen ID only to a province-admin with a reason, and audits it', async () => {
    const body = person();
    const created = await call('POST', '/learners', admin, body);
    expect(
      (
        await call('GET', `/learners/${created.json.id}?reveal=true`, officerDoanKet, undefined, {
          'x-access-reason': 'x',
        })
      ).status,
    ).toBe(403);
    expect((await call('GET', `/learners/${created.json.id}?reveal=true`, admin)).status).toBe(400);
    const revealed = await call('GET', `/learners/${created.json.id}?reveal=true`, admin, undefined, {
      'x-access-reason': 'complaint 42',
    });
    expect(revealed.json).toMatchObject({ citizenId: body.citizenId, citizenIdRevealed: true });
    const db = new Client({ connectionString: service.config.DATABASE_URL });
    await db.connect();
    try {
      const audit = await db.query(
        'SELECT actor_sub, action, reason FROM personal_data_access WHERE learner_id = $1 ORDER BY id',
        [created.json.id],
      );
      expect(audit.rows).toContainEqual({ actor_sub: 'int-admin', action: 'reveal', reason: 'complaint 42' });
    } finally {
      await db.end();
    }
  });

  it('erases personal data on request, keeping the anonymous indicator fields', async () => {
    const created = await call('POST', '/learners', admin, person({ groups: ['PUBLIC_SECTOR'] }));
    const erasedLearner = await call(
      'DELETE',
      `/learners/${created.json.id}/personal-data`,
      admin,
      undefined,
      { 'x-access-reason': 'erasure request' },
    );
    expect(erasedLearner.status).toBe(200);
    expect(erasedLearner.json).toMatchObject({
      citizenId: null,
      fullName: null,
      dateOfBirth: null,
      unitCode: '03388',
      groups: ['PUBLIC_SECTOR'],
      birthYear: created.json.birthYear,
    });
    expect(erasedLearner.json.erasedAt).not.toBeNull();
    const message = await published(created.json.id, Topics.learnerUpdated);
    expect(message.value).toMatchObject({ erased: true, after: { dateOfBirth: null } });
  });

  it('registers a household and derives its status from its members', async () => {
    const household = await call('POST', '/households', officerDoanKet, { unitCode: '03388' });
    expect(household.status).toBe(201);
    expect(household.json.status).toBe('not-yet');
    const member = await call(
      'POST',
      '/learners',
      officerDoanKet,
      person({ householdId: household.json.id }),
    );
    expect(member.status).toBe(201);
    const other = await call('POST', '/learners', officerDoanKet, person());
    const added = await call('POST', `/households/${household.json.id}/members`, officerDoanKet, {
      learnerId: other.json.id,
      head: true,
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ headLearnerId: other.json.id, status: 'not-yet' });
    expect(added.json.members.map((m: { learnerId: string }) => m.learnerId).sort()).toEqual(
      [member.json.id, other.json.id].sort(),
    );
    expect((await call('GET', `/households/${household.json.id}`, officerBinhLu)).status).toBe(403);
  });

  it('adds a village, places learners in it, bounds its officer to it, and renames it (announced as upserts)', async () => {
    const village = { code: '0338801', name: 'Bản Thử Nghiệm', parentCode: '03388', type: 'village' };
    const added = await call('POST', '/units', admin, village);
    expect([200, 201]).toContain(added.status);
    expect(added.json).toMatchObject({ code: '0338801', type: 'village', parentCode: '03388', map: '2025' });
    expect((await call('POST', '/units', officerDoanKet, village)).status).toBe(403);
    expect((await call('POST', '/units', admin, { ...village, code: '0339001' })).json.errors[0].field).toBe(
      'code',
    );

    const inVillage = await call('POST', '/learners', admin, person({ villageCode: '0338801' }));
    expect(inVillage.status).toBe(201);
    const villageOfficer = { sub: 'int-officer-village', roles: ['unit-officer'], unit: '0338801' };
    expect((await call('GET', `/learners/${inVillage.json.id}`, villageOfficer)).status).toBe(200);
    expect((await call('GET', `/learners/${inVillage.json.id}`, officerDoanKet)).status).toBe(200);
    const outside = await call('POST', '/learners', admin, person());
    expect((await call('GET', `/learners/${outside.json.id}`, villageOfficer)).status).toBe(403);
    expect(
      (await call('POST', '/learners', admin, person({ villageCode: '0338801', unitCode: '03390' }))).json
        .errors[0].field,
    ).toBe('villageCode');

    const renamed = await call('PATCH', '/units/0338801', admin, { name: 'Bản Nà Nọi'.normalize('NFD') });
    expect(renamed.json).toMatchObject({ code: '0338801', name: 'Bản Nà Nọi' });
    const commune = await call('PATCH', '/units/03394', admin, {
      name: 'Xã Thử Đổi Tên',
      shortName: 'Thử Đổi Tên',
    });
    expect(commune.json).toMatchObject({ code: '03394', name: 'Xã Thử Đổi Tên', type: 'commune' });
    await call('PATCH', '/units/03394', admin, { name: 'Xã Sin Suối Hồ', shortName: 'Sin Suối Hồ' });
    expect((await call('PATCH', '/units/99999', admin, { name: 'X' })).status).toBe(404);

    const deadline = Date.now() + 30_000;
    const announced = () => seen.filter((m) => m.key === '2025:0338801').map((m) => m.value['name']);
    while (Date.now() < deadline && !announced().includes('Bản Nà Nọi'))
      await new Promise((r) => setTimeout(r, 100));
    expect(announced()).toContain('Bản Nà Nọi');
    expect(seen.find((m) => m.key === '2025:0338801')?.headers['ce_type']).toBe(Topics.villageRegistered);
  });

  it('shows a learner certified once certificate-issued arrives, and the household becomes digital', async () => {
    const household = await call('POST', '/households', admin, { unitCode: '03390' });
    const body = person({ unitCode: '03390', householdId: household.json.id });
    const learner = await call('POST', '/learners', admin, body);
    expect(learner.json.certified).toBe(false);
    const kafka = new Kafka({
      clientId: 'int-cert',
      brokers: service.config.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    const issued: CertificateIssuedV1 = {
      certificateId: randomUUID(),
      certificateNo: `INT-${randomUUID()}`,
      learnerKey: learnerKeyOf(body.citizenId, service.config.PII_HASH_KEY),
      programme: 'CITIZEN_BASIC',
      unitCode: '03390',
      unitMap: '2025',
      dateOfBirth: body.dateOfBirth,
      issuedAt: '2025-09-30T08:00:00.000Z',
      sourceEventId: randomUUID(),
    };
    const headers = toKafkaHeaders({
      id: randomUUID(),
      type: Topics.certificateIssued,
      source: 'bdhvs/certification',
      time: issued.issuedAt,
    });
    await producer.send({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${Topics.certificateIssued}`,
      messages: [
        {
          key: issued.learnerKey,
          value: JSON.stringify(issued),
          headers: { ...headers, 'content-type': 'application/json' },
        },
      ],
    });
    await producer.disconnect();
    const deadline = Date.now() + 30_000;
    let certified = false;
    while (!certified && Date.now() < deadline) {
      certified = (await call('GET', `/learners/${learner.json.id}`, admin)).json.certified;
      if (!certified) await new Promise((r) => setTimeout(r, 200));
    }
    expect(certified).toBe(true);
    expect((await call('GET', `/households/${household.json.id}`, admin)).json.status).toBe('digital');
    const found = await call('GET', '/learners?unit=03390&certified=true&pageSize=200', admin);
    expect(found.json.items.map((l: { id: string }) => l.id)).toContain(learner.json.id);
  });

  describe('importLearners', () => {
    const header = 'citizenId,fullName,dateOfBirth,sex,unitCode,groups,ethnicity,studentLevel,disability';

    function csvRow(p: ReturnType<typeof person>, extra: Partial<Record<string, string>> = {}) {
      const row = {
        ...p,
        groups: (p.groups as string[]).join(';'),
        studentLevel: '',
        disability: '',
        ...extra,
      };
      return header
        .split(',')
        .map((c) => (row as Record<string, unknown>)[c] ?? '')
        .join(',');
    }

    async function upload(text: string, who: object = admin) {
      return call('POST', '/learners/import', who, text, { 'content-type': 'text/csv; charset=utf-8' });
    }

    it('stores the good rows and names the bad ones by line and field, with or without a BOM', async () => {
      for (const bom of ['', '\uFEFF']) {
        const good = [person(), person({ groups: ['STUDENT', 'CITIZEN'] }), person(), person(), person()];
        const dup = good[0];
        const lines = [
          header,
          csvRow(good[0]),
          csvRow(good[1], { studentLevel: 'LOWER_SECONDARY' }),
          csvRow(person(), { citizenId: '012345' }),
          csvRow(good[2]),
          csvRow(person(), { dateOfBirth: '2999-12-31' }),
          csvRow(dup),
          csvRow(good[3], { unitCode: '99999' }),
          csvRow(good[4], { ethnicity: '99' }),
          '',
        ];
        const res = await upload(bom + lines.join('\r\n'));
        expect(res.status).toBe(200);
        expect(res.json).toMatchObject({ accepted: 3, rejected: 5 });
        expect(res.json.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
          [4, 'citizenId'],
          [6, 'dateOfBirth'],
          [7, 'citizenId'],
          [8, 'unitCode'],
          [9, 'ethnicity'],
        ]);
        const again = await upload([header, csvRow(good[2])].join('\n'));
        expect(again.json).toMatchObject({ accepted: 0, rejected: 1 });
        expect(again.json.errors[0].message).toContain('already registered');
      }
    });

    it('keeps tabs, backslashes and quotes of a text field as they were', async () => {
      const p = person();
      const employer = 'Công ty\tA \\ "Lò" ; B';
      const csv = [
        'citizenId,fullName,dateOfBirth,sex,unitCode,groups,employer',
        [
          p.citizenId,
          p.fullName,
          p.dateOfBirth,
          p.sex,
          p.unitCode,
          'CITIZEN',
          `"${employer.replace(/"/g, '""')}"`,
        ].join(','),
      ].join('\n');
      const res = await upload(csv);
      expect(res.json).toMatchObject({ accepted: 1, rejected: 0 });
      const db = new Client({ connectionString: service.config.DATABASE_URL });
      await db.connect();
      try {
        const { rows } = await db.query('SELECT employer, groups FROM learner WHERE learner_key = $1', [
          learnerKeyOf(p.citizenId, service.config.PII_HASH_KEY),
        ]);
        expect(rows).toEqual([{ employer, groups: ['CITIZEN'] }]);
      } finally {
        await db.end();
      }
    });

    it('stops at an over-long line with a 400 naming it, the rows before it stored', async () => {
      const before = person();
      const res = await upload(
        [header, csvRow(before), csvRow(person(), { fullName: 'x'.repeat(10_000) }), csvRow(person())].join(
          '\n',
        ),
      );
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ type: '/problems/bad-csv', line: 3 });
      const again = await upload([header, csvRow(before)].join('\n'));
      expect(again.json.errors[0].message).toContain('already registered');
    });

    it('rejects a row with a control character, naming its field, and keeps the others', async () => {
      const res = await upload(
        [header, csvRow(person({ fullName: 'Lò\u0000Mai' })), csvRow(person())].join('\n'),
      );
      expect(res.json).toMatchObject({ accepted: 1, rejected: 1, errors: [{ line: 2, field: 'fullName' }] });
    });

    it('answers a wrong header with 400 naming the missing and unknown columns', async () => {
      const res = await upload(
        'citizenId,fullName,birthday,sex,unitCode,groups\n012080012345,A,1980-01-01,male,03388,CITIZEN\n',
      );
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        type: '/problems/bad-import-header',
        missingColumns: ['dateOfBirth'],
        unknownColumns: ['birthday'],
      });
      expect(res.json.detail).toContain('dateOfBirth');
    });

    it("rejects the rows outside a unit officer's commune", async () => {
      const res = await upload(
        [header, csvRow(person({ unitCode: '03390' })), csvRow(person({ unitCode: '03388' }))].join('\n'),
        officerBinhLu,
      );
      expect(res.json).toMatchObject({ accepted: 1, rejected: 1, errors: [{ line: 3, field: 'unitCode' }] });
    });

    it('stops a file over the size limit with 413', async () => {
      const res = await upload(`${header}\n${`${'x'.repeat(99)}\n`.repeat(700)}`);
      expect(res.status).toBe(413);
      expect(res.json.type).toBe('/problems/import-too-large');
    });

    it('refuses a body that is not text/csv with 415', async () => {
      const res = await call('POST', '/learners/import', admin, 'a,b', { 'content-type': 'text/plain' });
      expect(res.status).toBe(415);
    });

    async function untilFinished(location: string, who: object = admin) {
      const path = location.replace('/api/v1/learners', '');
      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await call('GET', path, who);
        if (res.json.state !== 'running' || Date.now() > deadline) return res;
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    it('answers 202 with a Location for Prefer: respond-async, and the import resource ends done with the counts', async () => {
      const good = [person(), person(), person()];
      const lines = [
        header,
        csvRow(good[0]),
        csvRow(good[1]),
        csvRow(person(), { dateOfBirth: '2999-12-31' }),
        csvRow(good[2]),
        csvRow(good[0]),
      ];
      const res = await call('POST', '/learners/import', admin, lines.join('\n'), {
        'content-type': 'text/csv',
        prefer: 'respond-async',
      });
      expect(res.status).toBe(202);
      const location = res.headers.get('location') ?? '';
      expect(location).toMatch(/^\/api\/v1\/learners\/learners\/imports\/[0-9a-f-]{36}$/);
      expect(res.headers.get('preference-applied')).toBe('respond-async');
      expect(res.json).toMatchObject({ id: location.split('/').pop(), state: 'running', accepted: 0 });
      const done = await untilFinished(location);
      expect(done.status).toBe(200);
      expect(done.json).toMatchObject({ state: 'done', accepted: 3, rejected: 2 });
      expect(done.json.finishedAt).not.toBeNull();
      expect(done.json.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
        [4, 'dateOfBirth'],
        [6, 'citizenId'],
      ]);
    });

    it('answers 202 for a body larger than the threshold, without being asked', async () => {
      const rows = Array.from({ length: 300 }, () => person());
      const text = [header, ...rows.map((p) => csvRow(p))].join('\n');
      expect(Buffer.byteLength(text)).toBeGreaterThan(16384);
      const res = await upload(text);
      expect(res.status).toBe(202);
      expect(res.headers.get('preference-applied')).toBeNull();
      const done = await untilFinished(res.headers.get('location') ?? '');
      expect(done.json).toMatchObject({ state: 'done', accepted: 300, rejected: 0, errors: [] });
    });

    it('ends failed with the problem a synchronous import would have answered', async () => {
      const res = await call('POST', '/learners/import', admin, 'citizenId,name\n012080012345,A\n', {
        'content-type': 'text/csv',
        prefer: 'respond-async',
      });
      expect(res.status).toBe(202);
      const failed = await untilFinished(res.headers.get('location') ?? '');
      expect(failed.json).toMatchObject({
        state: 'failed',
        accepted: 0,
        failure: { type: '/problems/bad-import-header', status: 400, unknownColumns: ['name'] },
      });
    });

    it('shows the import to its caller, a province-admin and the officers above its unit only', async () => {
      const res = await call(
        'POST',
        '/learners/import',
        officerBinhLu,
        [header, csvRow(person({ unitCode: '03390' }))].join('\n'),
        {
          'content-type': 'text/csv',
          prefer: 'respond-async',
        },
      );
      const path = (res.headers.get('location') ?? '').replace('/api/v1/learners', '');
      expect((await untilFinished(res.headers.get('location') ?? '', officerBinhLu)).json).toMatchObject({
        state: 'done',
        accepted: 1,
      });
      expect((await call('GET', path, admin)).status).toBe(200);
      const provinceOfficer = {
        sub: `int-officer-province-${randomUUID()}`,
        roles: ['unit-officer'],
        unit: '12',
      };
      expect((await call('GET', path, provinceOfficer)).status).toBe(200);
      const other = await call('GET', path, officerDoanKet);
      expect(other.status).toBe(403);
      expect(other.json.type).toBe('/problems/not-your-import');
      const moodle = { sub: `moodle-${randomUUID()}`, roles: ['mooc-platform'] };
      expect((await call('GET', path, moodle)).status).toBe(403);
      const unknown = await call('GET', `/learners/imports/${randomUUID()}`, admin);
      expect(unknown.status).toBe(404);
      expect(unknown.json.type).toBe('/problems/import-not-found');
    });
  });

  describe('no citizen ID in clear', () => {
    /**
     * Registers, reads, searches, corrects and imports learners of its own, with the answers that may
     * show personal data (the audited reveal and export) set apart: what each test below looks for.
     */
    async function handlePersonalData() {
      const fullName = `Lò Thị Kiểm Tra ${randomUUID().slice(0, 8)}`;
      const registered = person({ fullName });
      const imported = [person({ fullName }), person({ fullName })];
      const answers: string[] = [];
      const keep = async (pending: ReturnType<typeof call>) => {
        const res = await pending;
        answers.push(res.text);
        return res;
      };
      const created = await keep(call('POST', '/learners', admin, registered));
      expect(created.status).toBe(201);
      const id: string = created.json.id;
      await keep(call('GET', `/learners/${id}`, officerDoanKet));
      await keep(call('GET', '/learners?unit=03388&pageSize=5', officerDoanKet));
      await keep(
        call('PATCH', `/learners/${id}`, officerDoanKet, {
          reason: 'leak check',
          groups: ['CITIZEN', 'ENTERPRISE_WORKER'],
        }),
      );
      const csv = [
        'citizenId,fullName,dateOfBirth,sex,unitCode,groups',
        ...imported.map((p) =>
          [p.citizenId, p.fullName, p.dateOfBirth, p.sex, p.unitCode, 'CITIZEN'].join(','),
        ),
        [registered.citizenId, fullName, registered.dateOfBirth, registered.sex, '03388', 'CITIZEN'].join(
          ',',
        ),
      ].join('\n');
      const upload = await keep(call('POST', '/learners/import', admin, csv, { 'content-type': 'text/csv' }));
      expect(upload.json).toMatchObject({ accepted: 2, rejected: 1 });
      const revealed = await call('GET', `/learners/${id}?reveal=true`, admin, undefined, {
        'x-access-reason': 'leak check',
      });
      expect(revealed.json.citizenId).toBe(registered.citizenId);
      const exported = await call('GET', `/learners/${id}/personal-data`, admin, undefined, {
        'x-access-reason': 'leak check',
      });
      expect(exported.status).toBe(200);
      return {
        learnerId: id,
        fullName,
        citizenIds: [registered, ...imported].map((p) => p.citizenId),
        answers,
      };
    }

    it('is in no HTTP response but the audited reveal and export', async () => {
      const handled = await handlePersonalData();
      const all = handled.answers.join('\n');
      expect(all).toContain(handled.learnerId);
      for (const id of handled.citizenIds) expect(all).not.toContain(id);
    });

    it('is in no log line', async () => {
      const from = logged.length;
      const handled = await handlePersonalData();
      const all = logged.slice(from).join('');
      expect(all).toContain('request completed');
      for (const id of handled.citizenIds) expect(all).not.toContain(id);
      expect(all).not.toContain(handled.fullName);
    });

    it('is in no event on Kafka', async () => {
      const handled = await handlePersonalData();
      await published(handled.learnerId, Topics.learnerRegistered);
      await published(handled.learnerId, Topics.learnerUpdated);
      const all = seen.map((m) => m.raw).join('\n');
      expect(all).toContain(handled.learnerId);
      for (const id of handled.citizenIds) expect(all).not.toContain(id);
    });

    it('is in no table of the learners database', async () => {
      const handled = await handlePersonalData();
      const db = new Client({ connectionString: service.config.DATABASE_URL });
      await db.connect();
      try {
        const tables = await db.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        );
        let dumped = '';
        for (const { table_name } of tables.rows)
          dumped += JSON.stringify((await db.query(`SELECT * FROM "${table_name}"`)).rows);
        expect(dumped).toContain(handled.learnerId);
        for (const id of handled.citizenIds) expect(dumped).not.toContain(id);
        expect(dumped).not.toContain(handled.fullName);
      } finally {
        await db.end();
      }
    });
  });
});
