import { randomUUID } from 'node:crypto';
import { Admin, Consumer, Kafka, Producer, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { LearnerRegisteredV1, Topics, UnitRegisteredV1 } from '@bdhvs/events';
import { RunningService, startServiceInProcess, testToken } from '@bdhvs/testing';
import { CoursesConfig } from '../src/config/courses-config';
import { coursesService } from '../src/service';

// The courses service in-process against the real database and broker, its own database (dropped
// afterwards) and topics. The test plays the learner registry: it produces the registry's events itself,
// so that it decides when a learner becomes known.
const DATABASE = `bdhvs_test_courses_${Date.now().toString(36)}`;
const COMMUNE = '03388';
const OTHER_COMMUNE = '03408';

interface Seen {
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: Record<string, unknown>;
}

describe('courses against the real database and broker', () => {
  let service: RunningService<CoursesConfig>;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: Consumer;
  let kafkaAdmin: Admin;
  const seen: Seen[] = [];
  const consumedUpTo = new Map<string, number>();
  const produced = [
    Topics.courseCompleted,
    Topics.progressRecorded,
    Topics.enrolmentRecorded,
    Topics.attendanceRecorded,
  ];
  const admin = testToken({ sub: 'int-admin', roles: ['province-admin'] });
  const mooc = testToken({ sub: 'int-mooc', roles: ['mooc-platform'] });

  beforeAll(async () => {
    service = await startServiceInProcess(coursesService, { database: DATABASE });
    kafka = new Kafka({
      clientId: 'int',
      brokers: service.config.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    await producer.connect();
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    consumer = kafka.consumer({ groupId: `int-watch-${randomUUID()}` });
    await consumer.connect();
    const prefix = service.config.KAFKA_TOPIC_PREFIX;
    await consumer.subscribe({ topics: produced.map((t) => `${prefix}${t}`), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        consumedUpTo.set(`${topic}/${partition}`, Number(message.offset) + 1);
        seen.push({
          topic: topic.slice(prefix.length),
          key: message.key?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          value: JSON.parse(message.value?.toString() ?? '{}'),
        });
      },
    });
    await publish(Topics.unitRegistered, 'units', [
      unit('12', 'province', null),
      unit(COMMUNE, 'commune', '12'),
      unit(OTHER_COMMUNE, 'commune', '12'),
    ]);
    await until(async () => (await count('administrative_unit')) >= 3, 'the units');
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await kafkaAdmin?.disconnect();
    await service?.close();
    const client = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await client.end();
  });

  /** The first Saturday after tomorrow (Vietnam time): a session of the class that has not started. */
  function nextSaturday(): string {
    const day = new Date(Date.now() + 7 * 3_600_000 + 2 * 86_400_000);
    day.setUTCDate(day.getUTCDate() + ((6 - day.getUTCDay() + 7) % 7));
    return day.toISOString().slice(0, 10);
  }

  function unit(code: string, type: UnitRegisteredV1['type'], parentCode: string | null): UnitRegisteredV1 {
    return { map: '2025', code, name: `Unit ${code}`, shortName: code, type, parentCode };
  }

  /** What the learners service would publish, CloudEvents headers and all. */
  async function publish(topic: string, key: string, values: object[]): Promise<void> {
    await producer.send({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${topic}`,
      messages: values.map((value) => ({
        key,
        value: JSON.stringify(value),
        headers: {
          ce_specversion: '1.0',
          ce_id: randomUUID(),
          ce_type: topic,
          ce_source: 'bdhvs/learners',
          ce_time: new Date().toISOString(),
          'content-type': 'application/json',
        },
      })),
    });
  }

  function learner(over: Partial<LearnerRegisteredV1> = {}): LearnerRegisteredV1 {
    return {
      learnerId: randomUUID(),
      learnerKey: randomUUID().replace(/-/g, '').repeat(2),
      unitCode: COMMUNE,
      unitMap: '2025',
      dateOfBirth: '1958-03-02',
      birthYear: 1958,
      sex: 'female',
      ethnicity: '08',
      disability: false,
      poorHousehold: false,
      groups: ['CITIZEN'],
      vneidStatus: 'none',
      digitalBankAccount: false,
      registeredAt: '2025-09-01T01:00:00.000Z',
      ...over,
    };
  }

  async function register(l: LearnerRegisteredV1): Promise<void> {
    await publish(Topics.learnerRegistered, l.learnerId, [l]);
    await until(async () => (await count('learner', `learner_id = '${l.learnerId}'`)) === 1, 'the learner');
  }

  async function count(table: string, where = 'true'): Promise<number> {
    const [{ n }] = await service.database.dataSource.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    );
    return n;
  }

  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what} did not arrive in 30 s`);
  }

  async function api(method: string, path: string, body?: unknown, token = admin) {
    const res = await fetch(`${service.url}/api/v1/courses${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : null,
    };
  }

  /** The outbox is empty and the watching consumer has read every produced topic to its end. */
  async function everythingPublishedIsSeen(): Promise<void> {
    const prefix = service.config.KAFKA_TOPIC_PREFIX;
    await until(async () => {
      if ((await count('outbox')) > 0) return false;
      for (const t of produced) {
        const offsets = await kafkaAdmin.fetchTopicOffsets(`${prefix}${t}`);
        if (offsets.some((o) => Number(o.high) > (consumedUpTo.get(`${prefix}${t}/${o.partition}`) ?? 0)))
          return false;
      }
      return true;
    }, 'the outbox and the watching consumer');
  }

  async function newCourse(over: Record<string, unknown> = {}) {
    const res = await api('POST', '/courses', {
      code: `INT-${randomUUID().slice(0, 8)}`,
      title: 'VNeID và dịch vụ công trực tuyến',
      groups: ['CITIZEN'],
      mode: 'BLENDED',
      language: 'vi',
      accessibility: ['EASY_READ'],
      competencies: ['BASIC-SMARTPHONE', 'BASIC-VNEID', 'BASIC-ONLINE-SAFETY'],
      modules: [
        { code: 'M1', title: 'Điện thoại thông minh', required: true, competencies: ['BASIC-SMARTPHONE'] },
        { code: 'M2', title: 'VNeID', required: true, competencies: ['BASIC-VNEID'] },
        { code: 'M3', title: 'An toàn', required: false, competencies: ['BASIC-ONLINE-SAFETY'] },
      ],
      completion: { rule: 'ALL_REQUIRED_MODULES' },
      ...over,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; code: string };
  }

  async function publishedCourse(over: Record<string, unknown> = {}) {
    const course = await newCourse(over);
    expect((await api('POST', `/courses/${course.id}/publication`)).status).toBe(200);
    return course;
  }

  it('seeds a programme per target group, marked as seed with its source, and versions edits', async () => {
    const list = await api('GET', '/programmes');
    expect(list.status).toBe(200);
    expect(list.body.map((p: { code: string }) => p.code)).toEqual([
      'CITIZEN_BASIC',
      'ENTERPRISE_WORKER_DIGITAL',
      'PUBLIC_SECTOR_DIGITAL',
      'STUDENT_LOWER_SECONDARY',
      'STUDENT_POST_SECONDARY',
      'STUDENT_PRIMARY',
      'STUDENT_UPPER_SECONDARY',
    ]);
    const citizen = list.body[0];
    expect(citizen).toMatchObject({ group: 'CITIZEN', version: 1, seed: true });
    expect(citizen.source).toContain('IV.5.4');
    expect(citizen.competencies.map((c: { code: string }) => c.code)).toContain('BASIC-VNEID');

    const edited = await api('PUT', '/programmes/ENTERPRISE_WORKER_DIGITAL', {
      baseVersion: 1,
      competencies: ['BASIC-SMARTPHONE', 'BASIC-ECOMMERCE', '4.2'],
      source: 'int test',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, seed: false, editedBy: 'int-admin', source: 'int test' });
    const stale = await api('PUT', '/programmes/ENTERPRISE_WORKER_DIGITAL', {
      baseVersion: 1,
      competencies: ['4.2'],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([{ field: 'baseVersion', message: 'baseVersion must be 2' }]);
    const unknown = await api('PUT', '/programmes/ENTERPRISE_WORKER_DIGITAL', {
      baseVersion: 2,
      competencies: ['9.9'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('competencies.0');
    expect((await api('GET', '/programmes/ENTERPRISE_WORKER_DIGITAL?version=1')).body.seed).toBe(true);
    expect(
      (await api('PUT', '/programmes/CITIZEN_BASIC', { baseVersion: 1, competencies: ['4.2'] }, mooc)).status,
    ).toBe(403);
  });

  it('waits with a report for a learner it has not heard of, then applies it when the registry tells', async () => {
    const course = await publishedCourse();
    const l = learner();
    const early = await api(
      'POST',
      '/progress',
      { learnerId: l.learnerId, courseId: course.id, progressPercent: 40 },
      mooc,
    );
    expect(early.status).toBe(202);
    expect(early.body).toMatchObject({
      status: 'PENDING',
      kind: 'PROGRESS',
      learnerId: l.learnerId,
      progressPercent: 40,
    });
    const listed = await api('GET', `/progress/pending?learnerId=${l.learnerId}`, undefined, mooc);
    expect(listed.body.map((p: { pendingId: string }) => p.pendingId)).toEqual([early.body.pendingId]);

    await register(l);
    await until(
      async () => (await count('pending_intake', `learner_id = '${l.learnerId}'`)) === 0,
      'the pending report',
    );
    const enrolments = await api('GET', `/enrolments?learnerId=${l.learnerId}`);
    expect(enrolments.body).toEqual([
      expect.objectContaining({ courseId: course.id, progressPercent: 40, status: 'IN_PROGRESS' }),
    ]);
  });

  it('keeps progress monotonic, completes once, and publishes course-completed exactly once', async () => {
    const course = await publishedCourse();
    const l = learner();
    await register(l);
    const report = (body: Record<string, unknown>) =>
      api('POST', '/progress', { learnerId: l.learnerId, courseId: course.id, ...body }, mooc);

    expect((await report({ progressPercent: 60 })).body.progressPercent).toBe(60);
    const late = await report({ progressPercent: 30 });
    expect(late.status).toBe(200);
    expect(late.body.progressPercent).toBe(60);
    const m1 = await report({
      progressPercent: 30,
      moduleCode: 'M1',
      completedAt: '2025-09-20T08:00:00+07:00',
    });
    expect(m1.body).toMatchObject({ progressPercent: 60, completedModules: ['M1'], status: 'IN_PROGRESS' });
    const done = await report({
      progressPercent: 70,
      moduleCode: 'M2',
      completedAt: '2025-09-27T08:00:00+07:00',
    });
    expect(done.body).toMatchObject({
      status: 'COMPLETED',
      completedModules: ['M1', 'M2'],
      completedAt: '2025-09-27T01:00:00.000Z',
      completedVia: 'MOOC',
    });
    await Promise.all([report({ progressPercent: 100 }), report({ progressPercent: 100, moduleCode: 'M2' })]);

    await everythingPublishedIsSeen();
    const completed = seen.filter(
      (m) => m.topic === Topics.courseCompleted && m.value['learnerId'] === l.learnerId,
    );
    expect(completed).toHaveLength(1);
    expect(completed[0].key).toBe(l.learnerId);
    expect(completed[0].headers['ce_type']).toBe(Topics.courseCompleted);
    expect(completed[0].value).toMatchObject({
      learnerKey: l.learnerKey,
      unitCode: COMMUNE,
      courseId: course.id,
      courseCode: course.code,
      groups: ['CITIZEN'],
      programmes: [expect.objectContaining({ code: 'CITIZEN_BASIC', group: 'CITIZEN', version: 1 })],
      completedAt: '2025-09-27T01:00:00.000Z',
    });
    const milestones = seen
      .filter((m) => m.topic === Topics.progressRecorded && m.value['learnerId'] === l.learnerId)
      .map((m) => m.value['milestone']);
    expect(milestones).toEqual([50, null, null, 100]);
  });

  it('refuses bad reports naming the field, and applies nothing of them', async () => {
    const course = await publishedCourse();
    const draft = await newCourse();
    const l = learner();
    await register(l);
    const report = (body: Record<string, unknown>) =>
      api(
        'POST',
        '/progress',
        { learnerId: l.learnerId, courseId: course.id, progressPercent: 10, ...body },
        mooc,
      );
    const cases: [Record<string, unknown>, number, string][] = [
      [{ progressPercent: 101 }, 400, 'progressPercent'],
      [{ progressPercent: -1 }, 400, 'progressPercent'],
      [{ courseId: randomUUID() }, 404, 'courseId'],
      [{ courseId: draft.id }, 409, 'courseId'],
      [{ moduleCode: 'M9' }, 422, 'moduleCode'],
      [{ completedAt: '2099-01-01T00:00:00Z' }, 400, 'completedAt'],
      [{ completedAt: '2024-12-31T16:59:59Z' }, 400, 'completedAt'],
      [{ score: 120 }, 400, 'score'],
    ];
    for (const [body, status, field] of cases) {
      const res = await report(body);
      expect({ body, status: res.status, type: res.type }).toEqual({
        body,
        status,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count('enrolment', `learner_id = '${l.learnerId}'`)).toBe(0);
    const enrol = await api('POST', '/enrolments', { learnerId: l.learnerId, courseId: draft.id });
    expect(enrol.status).toBe(409);
  });

  it('enrols once: 201, then 200 with the same enrolment', async () => {
    const course = await publishedCourse();
    const l = learner();
    await register(l);
    const first = await api('POST', '/enrolments', { learnerId: l.learnerId, courseId: course.id }, mooc);
    const again = await api('POST', '/enrolments', { learnerId: l.learnerId, courseId: course.id }, mooc);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const officer = testToken({ sub: 'int-officer', roles: ['unit-officer'], unit: OTHER_COMMUNE });
    expect(
      (await api('POST', '/enrolments', { learnerId: l.learnerId, courseId: course.id }, officer)).status,
    ).toBe(403);
  });

  it('completes modules from class attendance, bounded to the schedule, the past and the class teacher', async () => {
    const course = await publishedCourse();
    const l = learner();
    await register(l);
    const officer = testToken({ sub: 'int-officer', roles: ['unit-officer'], unit: COMMUNE });
    const classBody = {
      courseId: course.id,
      unitCode: COMMUNE,
      audience: 'ELDERLY',
      teacher: { role: 'MENTOR', name: 'Lò Văn Minh', sub: 'int-mentor' },
      schedule: {
        weekdays: [6],
        startTime: '08:00',
        durationMinutes: 90,
        startsOn: '2025-09-06',
        endsOn: '2026-12-26',
      },
      modulePlan: [
        { moduleCode: 'M1', sessions: [1] },
        { moduleCode: 'M2', sessions: [2, 3] },
      ],
    };
    const created = await api('POST', '/classes', classBody, officer);
    expect(created.status).toBe(201);
    const classId = created.body.id;
    const elsewhere = testToken({ sub: 'x', roles: ['unit-officer'], unit: OTHER_COMMUNE });
    expect(
      (await api('POST', '/classes', { ...created.body, id: undefined, createdAt: undefined }, elsewhere))
        .status,
    ).toBe(400);

    const mentor = testToken({ sub: 'int-mentor', roles: ['mentor'] });
    const attend = (sessionDate: string, token = mentor, learnerIds = [l.learnerId]) =>
      api('POST', `/classes/${classId}/attendance`, { sessionDate, learnerIds }, token);
    expect((await attend('2025-09-07')).status).toBe(422); // a Sunday
    expect((await attend(nextSaturday())).status).toBe(400);
    expect((await attend('2025-09-06', testToken({ sub: 'another', roles: ['mentor'] }))).status).toBe(403);
    expect((await attend('2025-09-06', mentor, [l.learnerId, randomUUID()])).body.errors).toEqual([
      { field: 'learnerIds.1', message: 'names no learner known from the registry' },
    ]);
    expect(await count('class_attendance', `class_id = '${classId}'`)).toBe(0);

    const s1 = await attend('2025-09-06');
    expect(s1.body).toMatchObject({ sessionNumber: 1, recorded: 1, attendees: 1 });
    expect(s1.body.learners[0]).toMatchObject({ completedModules: ['M1'], status: 'IN_PROGRESS' });
    expect((await attend('2025-09-20')).body.learners[0].completedModules).toEqual(['M1']); // session 3
    const s2 = await attend('2025-09-13');
    expect(s2.body.learners[0]).toMatchObject({ completedModules: ['M1', 'M2'], status: 'COMPLETED' });
    expect(s2.body.learners[0].completedAt).toBe('2025-09-20T01:00:00.000Z');
    expect((await attend('2025-09-13')).body.recorded).toBe(0);

    await everythingPublishedIsSeen();
    const completed = seen.filter(
      (m) => m.topic === Topics.courseCompleted && m.value['learnerId'] === l.learnerId,
    );
    expect(completed.map((m) => m.value['completedVia'])).toEqual(['CLASS']);
    const sessions = seen.filter(
      (m) => m.topic === Topics.attendanceRecorded && m.value['classId'] === classId,
    );
    expect(
      sessions.map((m) => [m.value['sessionDate'], m.value['firstRecordingOfSession'], m.value['week']]),
    ).toEqual([
      ['2025-09-06', true, '2025-W36'],
      ['2025-09-20', true, '2025-W38'],
      ['2025-09-13', true, '2025-W37'],
    ]);
  });

  it('recommends next steps that close the gaps of the programme, and changes as modules are completed', async () => {
    const vi = await publishedCourse({
      competencies: ['BASIC-VNEID', 'BASIC-PUBLIC-SERVICES'],
      modules: [
        { code: 'V1', title: 'VNeID', required: true, competencies: ['BASIC-VNEID'] },
        { code: 'V2', title: 'Dịch vụ công', required: true, competencies: ['BASIC-PUBLIC-SERVICES'] },
      ],
    });
    const hmn = await publishedCourse({
      language: 'hmn',
      accessibility: ['AUDIO'],
      competencies: ['BASIC-VNEID'],
      modules: [{ code: 'H1', title: 'VNeID (lus Hmoob)', required: true, competencies: ['BASIC-VNEID'] }],
    });
    const l = learner();
    await register(l);
    const before = await api('GET', `/learners/${l.learnerId}/next-steps?limit=50`, undefined, mooc);
    expect(before.status).toBe(200);
    expect(before.body.programmes.map((p: { code: string }) => p.code)).toEqual(['CITIZEN_BASIC']);
    expect(before.body.needs).toMatchObject({
      languages: ['hmn', 'vi'],
      preferredAccessibility: ['EASY_READ', 'AUDIO'],
    });
    const vneidStep = before.body.steps.find((s: { closes: string[] }) => s.closes.includes('BASIC-VNEID'));
    expect(vneidStep).toMatchObject({ courseId: hmn.id, kind: 'MODULE', moduleCode: 'H1', language: 'hmn' });
    expect(vneidStep.reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['COMPETENCY_GAP', 'PROGRAMME', 'LANGUAGE', 'ACCESSIBILITY']),
    );
    expect(before.body.gaps.map((g: { competency: string }) => g.competency)).toContain(
      'BASIC-PUBLIC-SERVICES',
    );

    await api(
      'POST',
      '/progress',
      { learnerId: l.learnerId, courseId: vi.id, progressPercent: 50, moduleCode: 'V2' },
      mooc,
    );
    const after = await api('GET', `/learners/${l.learnerId}/next-steps?limit=50`, undefined, mooc);
    expect(after.body.gaps.map((g: { competency: string }) => g.competency)).not.toContain(
      'BASIC-PUBLIC-SERVICES',
    );
    expect(after.body.covered).toContainEqual(
      expect.objectContaining({ competency: 'BASIC-PUBLIC-SERVICES', moduleCode: 'V2' }),
    );
    // The course started now comes first: its VNeID module closes the gap before the Hmong course.
    expect(after.body.steps[0]).toMatchObject({ courseId: vi.id, moduleCode: 'V1' });

    const inVietnamese = await api(
      'GET',
      `/learners/${l.learnerId}/next-steps?language=vi&accessibility=CAPTIONS`,
      undefined,
      mooc,
    );
    expect(inVietnamese.body.steps.filter((s: { courseId: string }) => s.courseId === hmn.id)).toEqual([]);
    expect((await api('GET', `/learners/${randomUUID()}/next-steps`, undefined, mooc)).status).toBe(404);
    expect(
      (await api('GET', `/learners/${l.learnerId}/next-steps?accessibility=BRAILLE`, undefined, mooc)).status,
    ).toBe(400);
  });
});
