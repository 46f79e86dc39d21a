import { randomInt, randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import {
  Platform,
  deleteTopics,
  dropDatabases,
  infraUp,
  mintDevToken,
  queryDb,
  startPlatform,
  until,
} from './platform';

// Issue 11 through the entry point: a learner from registration through enrolment, out-of-order MOOC
// progress and class attendance to exactly one course-completed event on the topic, with next steps
// that change as modules are completed. A platform, databases, topics and groups of its own.
const RUN = `crs${Date.now().toString(36)}`;
const DB_PREFIX = `bdhvs_${RUN}`;
const GROUP_PREFIX = `${RUN}-`;
const TOPIC_PREFIX = `${RUN}.`;
const COMMUNE = '03388';
const OTHER_COMMUNE = '03408';
const COURSE_TOPICS = [
  'courses.course-published.v1',
  'courses.enrolment-recorded.v1',
  'courses.progress-recorded.v1',
  'courses.course-completed.v1',
  'courses.class-created.v1',
  'courses.attendance-recorded.v1',
];

let platform: Platform;
let gateway: string;
const admin = mintDevToken({ sub: 'e2e-courses-admin', roles: ['province-admin'] });
const mooc = mintDevToken({ sub: 'e2e-mooc', roles: ['mooc-platform'] });
const officer = mintDevToken({ sub: 'e2e-officer', roles: ['unit-officer'], unit: COMMUNE });
const mentorSub = `e2e-mentor-${RUN}`;
const mentor = mintDevToken({ sub: mentorSub, roles: ['mentor'] });

interface Seen {
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: Record<string, unknown>;
}
const seen: Seen[] = [];
const consumedUpTo = new Map<string, number>();
const kafka = new Kafka({
  clientId: 'e2e-courses',
  brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});
const kafkaAdmin = kafka.admin();
const producer = kafka.producer();
let consumer: Consumer;

async function call(method: string, path: string, body?: unknown, token = admin) {
  const res = await fetch(`${gateway}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : null,
  };
}
const courses = (method: string, path: string, body?: unknown, token = admin) =>
  call(method, `/api/v1/courses${path}`, body, token);

const coursesDb = <T>(sql: string, params: unknown[] = []) => queryDb<T>(`${DB_PREFIX}_courses`, sql, params);

/** A barrier, not a pause: the courses outbox is empty and the watching consumer read every topic to its end. */
async function everythingPublishedIsSeen(): Promise<void> {
  await until('the courses outbox and the watching consumer', async () => {
    const [{ n }] = await coursesDb<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    if (n > 0) return false;
    for (const t of COURSE_TOPICS) {
      const offsets = await kafkaAdmin.fetchTopicOffsets(`${TOPIC_PREFIX}${t}`);
      if (offsets.some((o) => Number(o.high) > (consumedUpTo.get(`${TOPIC_PREFIX}${t}/${o.partition}`) ?? 0)))
        return false;
    }
    return true;
  });
}

/** A Hmong woman born in 1955 (elderly), of the commune, registered through the learners service. */
async function registerLearner(fullName: string): Promise<string> {
  const year = 1955;
  const res = await call('POST', '/api/v1/learners/learners', {
    citizenId: `0011${String(year).slice(2)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
    fullName,
    dateOfBirth: `${year}-04-12`,
    sex: 'female',
    ethnicity: '08',
    unitCode: COMMUNE,
    groups: ['CITIZEN'],
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function publishedCourse(over: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  const created = await courses('POST', '/courses', {
    code: `E2E-${RUN}-${randomUUID().slice(0, 6)}`,
    title: 'Điện thoại thông minh và VNeID cho người cao tuổi',
    groups: ['CITIZEN'],
    mode: 'BLENDED',
    language: 'vi',
    accessibility: ['EASY_READ'],
    competencies: ['BASIC-SMARTPHONE', 'BASIC-VNEID', 'BASIC-ONLINE-SAFETY'],
    modules: [
      { code: 'M1', title: 'Dùng điện thoại thông minh', required: true, competencies: ['BASIC-SMARTPHONE'] },
      { code: 'M2', title: 'Cài đặt và dùng VNeID', required: true, competencies: ['BASIC-VNEID'] },
      { code: 'M3', title: 'An toàn trên mạng', required: false, competencies: ['BASIC-ONLINE-SAFETY'] },
    ],
    completion: { rule: 'ALL_REQUIRED_MODULES' },
    ...over,
  });
  expect(created.status).toBe(201);
  expect(created.body.status).toBe('DRAFT');
  const published = await courses('POST', `/courses/${created.body.id}/publication`);
  expect(published.status).toBe(200);
  expect(published.body.programmes).toEqual([
    expect.objectContaining({ code: 'CITIZEN_BASIC', group: 'CITIZEN' }),
  ]);
  return created.body;
}

/** Saturdays (Vietnam dates) `weeksAgo` weeks before the last one that has passed. */
function pastSaturday(weeksAgo: number): string {
  const today = new Date(Date.now() + 7 * 3_600_000);
  today.setUTCDate(today.getUTCDate() - ((today.getUTCDay() + 1) % 7) - 7 - 7 * weeksAgo);
  return today.toISOString().slice(0, 10);
}

function nextSaturday(): string {
  const day = new Date(Date.now() + 7 * 3_600_000 + 2 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((6 - day.getUTCDay() + 7) % 7));
  return day.toISOString().slice(0, 10);
}

const gapsOf = (steps: { gaps: { competency: string }[] }) => steps.gaps.map((g) => g.competency);

beforeAll(async () => {
  infraUp();
  platform = await startPlatform({
    dbPrefix: DB_PREFIX,
    groupPrefix: GROUP_PREFIX,
    topicPrefix: TOPIC_PREFIX,
    logLevel: 'warn',
    ports: {
      gateway: 19380,
      learners: 19301,
      courses: 19302,
      certification: 19303,
      campaigns: 19304,
      reporting: 19305,
    },
  });
  gateway = platform.urls.gateway;
  await kafkaAdmin.connect();
  await producer.connect();
  consumer = kafka.consumer({ groupId: `${RUN}-watch` });
  await consumer.connect();
  await consumer.subscribe({ topics: COURSE_TOPICS.map((t) => `${TOPIC_PREFIX}${t}`), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      consumedUpTo.set(`${topic}/${partition}`, Number(message.offset) + 1);
      seen.push({
        topic: topic.slice(TOPIC_PREFIX.length),
        key: message.key?.toString() ?? '',
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        value: JSON.parse(message.value?.toString() ?? '{}'),
      });
    },
  });
  // The units reach the courses service as the learners service's events.
  await until(
    'the units in the courses service',
    async () => {
      const [{ n }] = await coursesDb<{ n: number }>(
        `SELECT count(*)::int AS n FROM administrative_unit WHERE code = ANY($1)`,
        [[COMMUNE, OTHER_COMMUNE]],
      );
      return n === 2;
    },
    120_000,
  );
}, 300_000);

afterAll(async () => {
  await consumer?.disconnect();
  await producer.disconnect();
  await platform?.stop();
  await deleteTopics(kafkaAdmin, TOPIC_PREFIX);
  await kafkaAdmin.disconnect();
  await dropDatabases(DB_PREFIX);
});

describe('a learner from registration to one course-completed event', () => {
  it('goes through enrolment, out-of-order progress and class attendance, and next steps follow', async () => {
    const course = await publishedCourse();
    const learnerId = await registerLearner(`Giàng Thị Mỷ ${RUN}`);

    // The MOOC enrols at once; the registry's event may not have reached the courses service yet.
    const enrolled = await courses('POST', '/enrolments', { learnerId, courseId: course.id }, mooc);
    expect([201, 202]).toContain(enrolled.status);
    const enrolment = await until('the enrolment', async () => {
      const list = await courses('GET', `/enrolments?learnerId=${learnerId}`, undefined, mooc);
      return list.body.length === 1 ? list.body[0] : undefined;
    });
    expect(enrolment).toMatchObject({ courseId: course.id, courseCode: course.code, status: 'ENROLLED' });
    const again = await courses('POST', '/enrolments', { learnerId, courseId: course.id }, mooc);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(enrolment.id);

    const before = (await courses('GET', `/learners/${learnerId}/next-steps?limit=50`, undefined, mooc)).body;
    expect(before.programmes.map((p: { code: string }) => p.code)).toEqual(['CITIZEN_BASIC']);
    expect(before.needs).toMatchObject({ languages: ['hmn', 'vi'], audiences: ['ELDERLY', 'GENERAL'] });
    expect(gapsOf(before)).toEqual(expect.arrayContaining(['BASIC-SMARTPHONE', 'BASIC-VNEID']));
    const m1Step = before.steps.find((s: { moduleCode: string | null }) => s.moduleCode === 'M1');
    expect(m1Step).toMatchObject({ courseId: course.id, kind: 'MODULE', closes: ['BASIC-SMARTPHONE'] });
    expect(m1Step.reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['COMPETENCY_GAP', 'PROGRAMME', 'ENROLLED', 'LANGUAGE', 'ACCESSIBILITY']),
    );

    // Out of order: 60 %, then a late 30 % (changes nothing, not an error), then module M1.
    const report = (body: Record<string, unknown>) =>
      courses('POST', '/progress', { learnerId, courseId: course.id, ...body }, mooc);
    expect((await report({ progressPercent: 60 })).body.progressPercent).toBe(60);
    const late = await report({ progressPercent: 30 });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ progressPercent: 60, status: 'IN_PROGRESS' });
    const m1 = await report({
      progressPercent: 45,
      moduleCode: 'M1',
      completedAt: `${pastSaturday(3)}T10:00:00+07:00`,
    });
    expect(m1.body).toMatchObject({ progressPercent: 60, completedModules: ['M1'], completedAt: null });

    const afterM1 = (await courses('GET', `/learners/${learnerId}/next-steps?limit=50`, undefined, mooc))
      .body;
    expect(gapsOf(afterM1)).not.toContain('BASIC-SMARTPHONE');
    expect(afterM1.covered).toContainEqual(
      expect.objectContaining({ competency: 'BASIC-SMARTPHONE', courseId: course.id, moduleCode: 'M1' }),
    );
    expect(afterM1.steps[0]).toMatchObject({
      courseId: course.id,
      moduleCode: 'M2',
      closes: ['BASIC-VNEID'],
    });

    // A weekly class of the commune for the elderly, M2 taught over its first two sessions.
    const first = pastSaturday(2);
    const second = pastSaturday(1);
    const cls = await courses(
      'POST',
      '/classes',
      {
        courseId: course.id,
        unitCode: COMMUNE,
        audience: 'ELDERLY',
        teacher: { role: 'MENTOR', name: 'Lò Văn Minh', sub: mentorSub },
        schedule: { weekdays: [6], startTime: '08:00', durationMinutes: 90, startsOn: first },
        modulePlan: [{ moduleCode: 'M2', sessions: [1, 2] }],
      },
      officer,
    );
    expect(cls.status).toBe(201);
    const nearby = (await courses('GET', `/learners/${learnerId}/next-steps`, undefined, mooc)).body;
    expect(nearby.steps[0].classIds).toEqual([cls.body.id]);

    const attend = (sessionDate: string, token = mentor) =>
      courses('POST', `/classes/${cls.body.id}/attendance`, { sessionDate, learnerIds: [learnerId] }, token);
    const later = await attend(second);
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ sessionNumber: 2, recorded: 1, attendees: 1 });
    expect(later.body.learners[0]).toMatchObject({ completedModules: ['M1'], status: 'IN_PROGRESS' });
    const earlier = await attend(first);
    expect(earlier.body.learners[0]).toMatchObject({ completedModules: ['M1', 'M2'], status: 'COMPLETED' });
    expect(earlier.body.learners[0].completedAt).toBe(new Date(`${second}T08:00:00+07:00`).toISOString());

    // Re-sent, the same facts change nothing.
    expect((await attend(first)).body.recorded).toBe(0);
    await Promise.all([report({ progressPercent: 100 }), report({ progressPercent: 100, moduleCode: 'M2' })]);
    const final = await courses('GET', `/enrolments/${enrolment.id}`, undefined, officer);
    expect(final.body).toMatchObject({
      status: 'COMPLETED',
      progressPercent: 100,
      completedVia: 'CLASS',
      completedAt: new Date(`${second}T08:00:00+07:00`).toISOString(),
    });

    await everythingPublishedIsSeen();
    const completed = seen.filter(
      (m) => m.topic === 'courses.course-completed.v1' && m.value['learnerId'] === learnerId,
    );
    expect(completed).toHaveLength(1);
    expect(completed[0].key).toBe(learnerId);
    expect(completed[0].headers).toMatchObject({
      ce_type: 'courses.course-completed.v1',
      ce_source: 'bdhvs/courses',
      ce_specversion: '1.0',
      'content-type': 'application/json',
    });
    expect(completed[0].value).toMatchObject({
      enrolmentId: enrolment.id,
      learnerId,
      learnerKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      unitCode: COMMUNE,
      courseId: course.id,
      courseCode: course.code,
      groups: ['CITIZEN'],
      programmes: [expect.objectContaining({ code: 'CITIZEN_BASIC', group: 'CITIZEN', version: 1 })],
      completionRule: 'ALL_REQUIRED_MODULES',
      completedVia: 'CLASS',
      completedAt: new Date(`${second}T08:00:00+07:00`).toISOString(),
    });
    expect(JSON.stringify(completed[0].value)).not.toContain('Giàng');
    const sessions = seen.filter(
      (m) => m.topic === 'courses.attendance-recorded.v1' && m.value['classId'] === cls.body.id,
    );
    expect(
      sessions.map((m) => [m.value['sessionDate'], m.value['firstRecordingOfSession'], m.value['unitCode']]),
    ).toEqual([
      [second, true, COMMUNE],
      [first, true, COMMUNE],
    ]);

    const done = (await courses('GET', `/learners/${learnerId}/next-steps?limit=50`, undefined, mooc)).body;
    expect(gapsOf(done)).not.toContain('BASIC-VNEID');
    expect(done.steps.filter((s: { courseId: string }) => s.courseId === course.id)).toEqual([]);
  });
});

describe('a report for a learner the courses service has not heard of', () => {
  it('waits, is listed, and is applied when the registry event arrives', async () => {
    const course = await publishedCourse();
    // The registry is slow: the test holds the learner's event back and sends it itself, later.
    const learnerId = randomUUID();
    const waiting = await courses(
      'POST',
      '/progress',
      { learnerId, courseId: course.id, progressPercent: 80, moduleCode: 'M2' },
      mooc,
    );
    expect(waiting.status).toBe(202);
    expect(waiting.body).toMatchObject({
      status: 'PENDING',
      kind: 'PROGRESS',
      learnerId,
      progressPercent: 80,
    });
    const listed = await courses('GET', `/progress/pending?learnerId=${learnerId}`, undefined, mooc);
    expect(listed.body.map((p: { pendingId: string }) => p.pendingId)).toEqual([waiting.body.pendingId]);
    const otherPlatform = mintDevToken({ sub: 'another-lms', roles: ['mooc-platform'] });
    expect(
      (await courses('GET', `/progress/pending?learnerId=${learnerId}`, undefined, otherPlatform)).body,
    ).toEqual([]);

    await producer.send({
      topic: `${TOPIC_PREFIX}learners.learner-registered.v1`,
      messages: [
        {
          key: learnerId,
          value: JSON.stringify({
            learnerId,
            learnerKey: randomUUID().replace(/-/g, '').repeat(2),
            unitCode: COMMUNE,
            unitMap: '2025',
            dateOfBirth: '1990-01-01',
            birthYear: 1990,
            sex: 'male',
            disability: false,
            poorHousehold: false,
            groups: ['CITIZEN'],
            vneidStatus: 'none',
            digitalBankAccount: false,
            registeredAt: new Date().toISOString(),
          }),
          headers: {
            ce_specversion: '1.0',
            ce_id: randomUUID(),
            ce_type: 'learners.learner-registered.v1',
            ce_source: 'e2e',
            ce_time: new Date().toISOString(),
            'content-type': 'application/json',
          },
        },
      ],
    });
    const applied = await until('the waiting report applied', async () => {
      const list = await courses('GET', `/enrolments?learnerId=${learnerId}`, undefined, mooc);
      return list.body.length === 1 ? list.body[0] : undefined;
    });
    expect(applied).toMatchObject({ progressPercent: 80, completedModules: ['M2'], status: 'IN_PROGRESS' });
    expect((await courses('GET', `/progress/pending?learnerId=${learnerId}`, undefined, mooc)).body).toEqual(
      [],
    );
  });
});

describe('bad input and roles through the entry point', () => {
  it('answers problem+json naming the field, and applies nothing of a refused call', async () => {
    const course = await publishedCourse();
    const draft = await courses('POST', '/courses', {
      code: `E2E-${RUN}-DRAFT`,
      title: 'Nháp',
      groups: ['CITIZEN'],
      mode: 'ONLINE',
      language: 'vi',
      competencies: ['BASIC-VNEID'],
      modules: [{ code: 'M1', title: 'x', required: true }],
      completion: { rule: 'ALL_REQUIRED_MODULES' },
    });
    const learnerId = await registerLearner(`Lò Thị Pọm ${RUN}`);
    await until('the learner in the courses service', async () => {
      const rows = await coursesDb('SELECT 1 FROM learner WHERE learner_id = $1', [learnerId]);
      return rows.length === 1;
    });
    const ok = await courses(
      'POST',
      '/progress',
      { learnerId, courseId: course.id, progressPercent: 20 },
      mooc,
    );
    expect(ok.status).toBe(200);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ progressPercent: 101 }, 400, 'progressPercent'],
      [{ progressPercent: -1 }, 400, 'progressPercent'],
      [{ courseId: randomUUID() }, 404, 'courseId'],
      [{ courseId: draft.body.id }, 409, 'courseId'],
      [{ moduleCode: 'M7', progressPercent: 90 }, 422, 'moduleCode'],
      [{ completedAt: '2099-01-01T00:00:00Z', progressPercent: 90 }, 400, 'completedAt'],
      [{ unknownField: 1 }, 400, 'unknownField'],
    ];
    for (const [change, status, field] of cases) {
      const res = await courses(
        'POST',
        '/progress',
        { learnerId, courseId: course.id, progressPercent: 50, ...change },
        mooc,
      );
      expect({ change, status: res.status, type: res.type }).toEqual({
        change,
        status,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const unchanged = await courses('GET', `/enrolments/${ok.body.id}`, undefined, mooc);
    expect(unchanged.body).toMatchObject({
      progressPercent: 20,
      completedModules: [],
      status: 'IN_PROGRESS',
    });
    expect((await courses('POST', '/enrolments', { learnerId, courseId: draft.body.id }, mooc)).status).toBe(
      409,
    );

    const classBody = {
      courseId: course.id,
      unitCode: COMMUNE,
      audience: 'GENERAL',
      teacher: { role: 'TEACHER', name: 'Cô Lan', sub: 'e2e-teacher' },
      schedule: { weekdays: [6], startTime: '08:00', durationMinutes: 60, startsOn: pastSaturday(4) },
    };
    const cls = await courses('POST', '/classes', classBody);
    expect(cls.status).toBe(201);
    const attend = (sessionDate: string, token = admin, learnerIds = [learnerId]) =>
      courses('POST', `/classes/${cls.body.id}/attendance`, { sessionDate, learnerIds }, token);
    const sunday = new Date(Date.parse(`${pastSaturday(2)}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const refused: [Awaited<ReturnType<typeof attend>>, number, string][] = [
      [await attend(sunday), 422, 'sessionDate'],
      [await attend(nextSaturday()), 400, 'sessionDate'],
      [await attend('2025-02-30'), 422, 'sessionDate'],
      [await attend(pastSaturday(1), admin, [learnerId, randomUUID()]), 422, 'learnerIds.1'],
    ];
    for (const [res, status, field] of refused) {
      expect(res.status).toBe(status);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await attend(pastSaturday(1), mentor)).status).toBe(403);
    const [{ n }] = await coursesDb<{ n: number }>(
      'SELECT count(*)::int AS n FROM class_attendance WHERE class_id = $1',
      [cls.body.id],
    );
    expect(n).toBe(0);

    const elsewhere = mintDevToken({ sub: 'e2e-officer-2', roles: ['unit-officer'], unit: OTHER_COMMUNE });
    const outside = await courses('POST', '/classes', classBody, elsewhere);
    expect(outside.status).toBe(403);
    expect((await courses('POST', '/courses/' + course.id + '/publication', undefined, officer)).status).toBe(
      403,
    );
    expect((await courses('GET', `/learners/${learnerId}/next-steps`, undefined, elsewhere)).status).toBe(
      403,
    );
  });

  it('lists the seeded programmes and versions an edit by a province admin', async () => {
    const list = await courses('GET', '/programmes', undefined, mooc);
    expect(list.status).toBe(200);
    const citizen = list.body.find((p: { code: string }) => p.code === 'CITIZEN_BASIC');
    expect(citizen).toMatchObject({ group: 'CITIZEN', version: 1, seed: true });
    expect(citizen.source).toContain('Lai Châu');
    expect(citizen.competencies.map((c: { code: string }) => c.code)).toEqual([
      'BASIC-SMARTPHONE',
      'BASIC-VNEID',
      'BASIC-PUBLIC-SERVICES',
      'BASIC-CASHLESS-PAYMENT',
      'BASIC-ONLINE-SAFETY',
      'BASIC-ONLINE-HEALTH',
    ]);
    const edit = {
      baseVersion: 1,
      competencies: ['BASIC-DIGITAL-TRANSFORMATION', 'BASIC-AI', '4.2'],
      source: 'e2e',
    };
    expect((await courses('PUT', '/programmes/PUBLIC_SECTOR_DIGITAL', edit, officer)).status).toBe(403);
    const edited = await courses('PUT', '/programmes/PUBLIC_SECTOR_DIGITAL', edit);
    expect(edited.body).toMatchObject({ version: 2, seed: false, editedBy: 'e2e-courses-admin' });
    expect((await courses('PUT', '/programmes/PUBLIC_SECTOR_DIGITAL', edit)).status).toBe(409);
    expect((await courses('GET', '/programmes/PUBLIC_SECTOR_DIGITAL?version=1')).body.seed).toBe(true);
  });
});
