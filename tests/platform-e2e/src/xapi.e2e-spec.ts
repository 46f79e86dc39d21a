import { createHash, randomInt, randomUUID } from 'node:crypto';
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

// Issue 12 through the entry point: a MOOC's LRS credential posts xAPI statements, reads them back with
// the filters and `more`, keeps documents with ETags, is refused bad input with the xAPI statuses, and a
// `completed` statement completes a course through to one courses.course-completed.v1 on the topic.
// Statements of an agent nobody knows wait and count once the account is linked. A platform of its own.
const RUN = `xapi${Date.now().toString(36)}`;
const DB_PREFIX = `bdhvs_${RUN}`;
const TOPIC_PREFIX = `${RUN}.`;
const COMMUNE = '03388';
const HOME = `https://mooc-${RUN}.laichau.edu.vn`;
const COURSE_TOPICS = ['courses.course-completed.v1', 'courses.progress-recorded.v1'];
const VERB = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  progressed: 'http://adlnet.gov/expapi/verbs/progressed',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
};
const PROGRESS = 'https://w3id.org/xapi/cmi5/result/extensions/progress';

let platform: Platform;
let gateway: string;
let basic: string;
const admin = mintDevToken({ sub: 'e2e-xapi-admin', roles: ['province-admin'] });
const moocSub = `e2e-mooc-${RUN}`;
const moocToken = mintDevToken({ sub: moocSub, roles: ['mooc-platform'] });
const officer = mintDevToken({ sub: 'e2e-xapi-officer', roles: ['unit-officer'], unit: COMMUNE });

interface Seen {
  topic: string;
  key: string;
  value: Record<string, unknown>;
}
const seen: Seen[] = [];
const consumedUpTo = new Map<string, number>();
const kafka = new Kafka({
  clientId: 'e2e-xapi',
  brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});
const kafkaAdmin = kafka.admin();
let consumer: Consumer;

async function api(method: string, path: string, body?: unknown, token = admin) {
  const res = await fetch(`${gateway}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

interface XapiOptions {
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  auth?: string | null;
  version?: string | null;
}

/** A call to the LRS as an xAPI client makes it: Basic auth and the version header unless told otherwise. */
async function xapi(method: string, path: string, o: XapiOptions = {}) {
  const headers: Record<string, string> = { ...o.headers };
  if (o.auth !== null) headers['authorization'] = o.auth ?? basic;
  if (o.version !== null) headers['x-experience-api-version'] = o.version ?? '1.0.3';
  if (o.body !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
  const res = await fetch(`${gateway}/api/v1/courses/xapi${path}`, { method, headers, body: o.body });
  const buffer = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: res.headers,
    text: buffer.toString('utf8'),
    body: type.includes('json') && buffer.length > 0 ? JSON.parse(buffer.toString('utf8')) : null,
  };
}
const post = (statements: unknown, o: XapiOptions = {}) =>
  xapi('POST', '/statements', { body: JSON.stringify(statements), ...o });
const get = (query: Record<string, string>, o: XapiOptions = {}) =>
  xapi('GET', `/statements?${new URLSearchParams(query)}`, o);

const actorOf = (name: string) => ({ objectType: 'Agent', account: { homePage: HOME, name } });
function statement(name: string, verb: string, object: string, extra: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    actor: actorOf(name),
    verb: { id: verb, display: { 'en-US': verb.split('/').pop() } },
    object: { objectType: 'Activity', id: object },
    ...extra,
  };
}

const coursesDb = <T>(sql: string, params: unknown[] = []) => queryDb<T>(`${DB_PREFIX}_courses`, sql, params);

/** A barrier: the courses outbox is empty and the watching consumer read every topic to its end. */
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

async function registerLearner(): Promise<string> {
  const res = await api('POST', '/learners/learners', {
    // Province 001, a woman born in the 1900s (1), the year's last two digits, then six digits.
    citizenId: `001190${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
    fullName: `Lò Thị Xapi ${RUN}`,
    dateOfBirth: '1990-05-01',
    sex: 'female',
    ethnicity: '03',
    unitCode: COMMUNE,
    groups: ['CITIZEN'],
  });
  expect(res.status).toBe(201);
  const id: string = res.body.id;
  await until('the learner in the courses service', async () => {
    const rows = await coursesDb('SELECT 1 FROM learner WHERE learner_id = $1', [id]);
    return rows.length === 1;
  });
  return id;
}

async function publishedCourse(): Promise<{ id: string; code: string; activityId: string }> {
  const code = `XAPI-${RUN}-${randomUUID().slice(0, 6)}`;
  const activityId = `${HOME}/courses/${code}`;
  const created = await api('POST', '/courses/courses', {
    code,
    title: 'Dịch vụ công trực tuyến',
    groups: ['CITIZEN'],
    mode: 'ONLINE',
    language: 'vi',
    competencies: ['BASIC-PUBLIC-SERVICES'],
    modules: [{ code: 'M1', title: 'Nộp hồ sơ trực tuyến', required: true, competencies: [] }],
    completion: { rule: 'ALL_REQUIRED_MODULES' },
    activityId,
  });
  expect(created.status).toBe(201);
  expect((await api('POST', `/courses/courses/${created.body.id}/publication`)).status).toBe(200);
  return { id: created.body.id, code, activityId };
}

const enrolmentsOf = async (learnerId: string) =>
  (await api('GET', `/courses/enrolments?learnerId=${learnerId}`, undefined, moocToken)).body as {
    courseId: string;
    status: string;
    progressPercent: number;
    completedVia: string | null;
  }[];

beforeAll(async () => {
  infraUp();
  platform = await startPlatform({
    dbPrefix: DB_PREFIX,
    groupPrefix: `${RUN}-`,
    topicPrefix: TOPIC_PREFIX,
    logLevel: 'warn',
    ports: {
      gateway: 19680,
      learners: 19681,
      courses: 19682,
      certification: 19683,
      campaigns: 19684,
      reporting: 19685,
    },
  });
  gateway = platform.urls.gateway;
  await kafkaAdmin.connect();
  consumer = kafka.consumer({ groupId: `${RUN}-watch` });
  await consumer.connect();
  await consumer.subscribe({ topics: COURSE_TOPICS.map((t) => `${TOPIC_PREFIX}${t}`), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      consumedUpTo.set(`${topic}/${partition}`, Number(message.offset) + 1);
      seen.push({
        topic: topic.slice(TOPIC_PREFIX.length),
        key: message.key?.toString() ?? '',
        value: JSON.parse(message.value?.toString() ?? '{}'),
      });
    },
  });
  const issued = await api('POST', '/courses/lrs-credentials', { mooc: moocSub, label: 'e2e MOOC' });
  expect(issued.status).toBe(201);
  expect(issued.body).toMatchObject({ key: expect.stringMatching(/^lrs_/), mooc: moocSub });
  basic = `Basic ${Buffer.from(`${issued.body.key}:${issued.body.secret}`).toString('base64')}`;
  const [row] = await coursesDb<{ secret_sha256: string }>(
    'SELECT secret_sha256 FROM lrs_credential WHERE key = $1',
    [issued.body.key],
  );
  expect(row.secret_sha256).not.toContain(issued.body.secret);
}, 300_000);

afterAll(async () => {
  await consumer?.disconnect();
  await platform?.stop();
  await deleteTopics(kafkaAdmin, TOPIC_PREFIX);
  await kafkaAdmin.disconnect();
  await dropDatabases(DB_PREFIX);
});

describe('credentials', () => {
  it('issues to province admins only, refuses wrong, malformed and revoked credentials with 401', async () => {
    expect((await api('POST', '/courses/lrs-credentials', { mooc: 'x' }, officer)).status).toBe(403);
    const bad = await api('POST', '/courses/lrs-credentials', { mooc: ' bad id' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ field: 'mooc' }));

    expect((await xapi('GET', '/statements', { auth: null })).status).toBe(401);
    expect((await xapi('GET', '/statements', { auth: 'Basic bm90LWEtcGFpcg==' })).status).toBe(401);
    const wrong = await xapi('GET', '/statements', {
      auth: `Basic ${Buffer.from(`${Buffer.from(basic.slice(6), 'base64').toString().split(':')[0]}:nope`).toString('base64')}`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Basic');

    const other = await api('POST', '/courses/lrs-credentials', { mooc: moocSub });
    const otherBasic = `Basic ${Buffer.from(`${other.body.key}:${other.body.secret}`).toString('base64')}`;
    expect((await xapi('GET', '/statements', { auth: otherBasic })).status).toBe(200);
    expect((await api('DELETE', `/courses/lrs-credentials/${other.body.key}`)).status).toBe(204);
    expect((await xapi('GET', '/statements', { auth: otherBasic })).status).toBe(401);
    expect((await api('DELETE', '/courses/lrs-credentials/lrs_0000000000000000')).status).toBe(404);

    // The platform's bearer token is accepted for a mooc-platform only.
    expect((await xapi('GET', '/statements', { auth: `Bearer ${moocToken}` })).status).toBe(200);
    expect((await xapi('GET', '/statements', { auth: `Bearer ${officer}` })).status).toBe(403);
  });
});

describe('statements', () => {
  it('stores, answers ids, reads back with filters and more, voids, and answers CORS and /about', async () => {
    const name = `filters-${RUN}`;
    const activity = `${HOME}/activities/${randomUUID()}`;
    const registration = randomUUID();
    const batch = Array.from({ length: 5 }, (_, i) =>
      statement(name, i % 2 === 0 ? VERB.experienced : VERB.progressed, activity, {
        context: { registration },
        result: { extensions: { [PROGRESS]: i * 10 } },
      }),
    );
    const posted = await post(batch);
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual(batch.map((s) => s.id));
    expect(posted.headers.get('x-experience-api-version')).toBe('1.0.3');

    const one = await get({ statementId: batch[0].id });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: batch[0].id,
      version: '1.0.0',
      authority: { objectType: 'Agent', account: { name: expect.stringMatching(/^lrs_/) } },
      stored: expect.any(String),
      timestamp: expect.any(String),
    });
    expect(one.headers.get('last-modified')).toBeTruthy();
    expect(one.headers.get('x-experience-api-consistent-through')).toBeTruthy();

    const byVerb = await get({ agent: JSON.stringify(actorOf(name)), verb: VERB.experienced });
    expect(byVerb.body.statements.map((s: { id: string }) => s.id).sort()).toEqual(
      [batch[0].id, batch[2].id, batch[4].id].sort(),
    );
    const ascending = await get({ activity, registration, ascending: 'true', limit: '2' });
    expect(ascending.body.statements.map((s: { id: string }) => s.id)).toEqual([batch[0].id, batch[1].id]);
    expect(ascending.body.more).toMatch(/^\/api\/v1\/courses\/xapi\/statements\?more=/);
    const page2 = await xapi('GET', ascending.body.more.replace('/api/v1/courses/xapi', ''));
    expect(page2.body.statements.map((s: { id: string }) => s.id)).toEqual([batch[2].id, batch[3].id]);
    const ids = await get({ statementId: batch[0].id, format: 'ids' });
    expect(ids.body.verb).toEqual({ id: VERB.experienced });

    const since = await get({ activity, since: one.body.stored });
    expect(since.body.statements).toHaveLength(0);

    // Voiding: the voided statement leaves the filters and answers voidedStatementId only.
    const voiding = statement(name, VERB.voided, '', {});
    const voidingStatement = { ...voiding, object: { objectType: 'StatementRef', id: batch[1].id } };
    expect((await post(voidingStatement)).status).toBe(200);
    expect((await get({ statementId: batch[1].id })).status).toBe(404);
    expect((await get({ voidedStatementId: batch[1].id })).body.id).toBe(batch[1].id);
    const voidVoiding = {
      ...voiding,
      id: randomUUID(),
      object: { objectType: 'StatementRef', id: voiding.id },
    };
    expect((await post(voidVoiding)).status).toBe(400);

    // Browser content: the preflight and the exposed headers.
    const preflight = await fetch(`${gateway}/api/v1/courses/xapi/statements`, {
      method: 'OPTIONS',
      headers: { origin: 'https://mooc.example', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Experience-API-Version');
    const about = await xapi('GET', '/about', { auth: null, version: null });
    expect(about.body.version).toContain('1.0.3');
  });

  it('is idempotent on id: the same content again is accepted, other content is 409 and nothing changes', async () => {
    const s = statement(`put-${RUN}`, VERB.experienced, `${HOME}/activities/put`);
    const { id, ...withoutId } = s;
    expect(
      (await xapi('PUT', `/statements?statementId=${id}`, { body: JSON.stringify(withoutId) })).status,
    ).toBe(204);
    expect(
      (await xapi('PUT', `/statements?statementId=${id}`, { body: JSON.stringify(withoutId) })).status,
    ).toBe(204);
    expect((await post(s)).status).toBe(200);
    // The alternate request syntax: a browser's form POST carrying the method, headers and content.
    const viaForm = statement(`put-${RUN}`, VERB.experienced, `${HOME}/activities/form`);
    const form = new URLSearchParams({
      statementId: viaForm.id,
      content: JSON.stringify(viaForm),
      'Content-Type': 'application/json',
      'X-Experience-API-Version': '1.0.3',
      Authorization: basic,
    });
    const alternate = await xapi('POST', '/statements?method=PUT', {
      body: form.toString(),
      contentType: 'application/x-www-form-urlencoded',
      auth: null,
      version: null,
    });
    expect(alternate.status).toBe(204);
    expect((await get({ statementId: viaForm.id })).body.object.id).toBe(`${HOME}/activities/form`);
    expect(
      (
        await xapi('POST', `/statements?method=PUT&statementId=${viaForm.id}`, {
          body: form.toString(),
          contentType: 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBe(400);
    const changed = { ...withoutId, verb: { id: VERB.completed } };
    const conflict = await xapi('PUT', `/statements?statementId=${id}`, { body: JSON.stringify(changed) });
    expect(conflict.status).toBe(409);
    expect((await get({ statementId: id })).body.verb.id).toBe(VERB.experienced);
  });

  it('refuses bad input with the xAPI statuses, naming the field, and stores nothing of a refused batch', async () => {
    const s = statement(`bad-${RUN}`, VERB.experienced, `${HOME}/activities/bad`);
    expect((await post(s, { version: null })).status).toBe(400);
    expect((await post(s, { version: '2.7.0' })).status).toBe(400);
    const badIri = await post({ ...s, verb: { id: 'not an iri' } });
    expect(badIri.status).toBe(400);
    expect(badIri.body.errors).toContainEqual(expect.objectContaining({ field: 'verb.id' }));
    const twoIfis = await post({ ...s, actor: { mbox: 'mailto:a@b.vn', openid: 'https://id.vn/a' } });
    expect(twoIfis.status).toBe(400);
    const good = statement(`bad-${RUN}`, VERB.experienced, `${HOME}/activities/bad`);
    const batch = await post([good, { ...s, object: { id: `${HOME}/x`, definition: { name: 'no map' } } }]);
    expect(batch.status).toBe(400);
    expect(batch.body.errors[0].field).toMatch(/^statements\.1/);
    expect((await get({ statementId: good.id })).status).toBe(404);
    expect((await get({ statementId: good.id, verb: VERB.experienced })).status).toBe(400);
    expect((await xapi('GET', '/statements?limit=-1')).status).toBe(400);
    expect(
      (await xapi('POST', '/statements', { body: '{"actor":', contentType: 'application/json' })).status,
    ).toBe(400);
  });

  it('takes attachments as multipart/mixed and checks their SHA-2', async () => {
    const content = Buffer.from('chứng nhận hoàn thành', 'utf8');
    const sha2 = createHash('sha256').update(content).digest('hex');
    const s = statement(`att-${RUN}`, VERB.experienced, `${HOME}/activities/att`, {
      attachments: [
        {
          usageType: 'https://laichau.gov.vn/certificate',
          display: { vi: 'Chứng nhận' },
          contentType: 'text/plain',
          length: content.length,
          sha2,
        },
      ],
    });
    const multipart = (hash: string) =>
      Buffer.concat([
        Buffer.from(`--b1\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(s)}\r\n`),
        Buffer.from(
          `--b1\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${hash}\r\n\r\n`,
        ),
        content,
        Buffer.from('\r\n--b1--\r\n'),
      ]);
    const contentType = 'multipart/mixed; boundary=b1';
    expect((await xapi('POST', '/statements', { body: multipart('0'.repeat(64)), contentType })).status).toBe(
      400,
    );
    expect((await xapi('POST', '/statements', { body: multipart(sha2), contentType })).status).toBe(200);
    const back = await get({ statementId: s.id, attachments: 'true' });
    expect(back.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
    expect(back.text).toContain(`X-Experience-API-Hash: ${sha2}`);
    expect(back.text).toContain('chứng nhận hoàn thành');
  });
});

describe('documents', () => {
  it('keeps state with ETags and preconditions, merges JSON on POST, lists ids since a time', async () => {
    const agent = JSON.stringify(actorOf(`docs-${RUN}`));
    const activityId = `${HOME}/activities/docs`;
    const path = (stateId?: string) =>
      `/activities/state?${new URLSearchParams({ activityId, agent, ...(stateId ? { stateId } : {}) })}`;
    expect((await xapi('PUT', path('bookmark'), { body: JSON.stringify({ page: 3 }) })).status).toBe(204);
    const read = await xapi('GET', path('bookmark'));
    expect(read.body).toEqual({ page: 3 });
    const etag = read.headers.get('etag') as string;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    const stale = await xapi('PUT', path('bookmark'), { body: '{"page":1}', headers: { 'if-match': '"0"' } });
    expect(stale.status).toBe(412);
    expect(
      (await xapi('POST', path('bookmark'), { body: '{"seen":true}', headers: { 'if-match': etag } })).status,
    ).toBe(204);
    expect((await xapi('GET', path('bookmark'))).body).toEqual({ page: 3, seen: true });
    expect((await xapi('POST', path('bookmark'), { body: 'text', contentType: 'text/plain' })).status).toBe(
      400,
    );
    const later = new Date().toISOString();
    expect(
      (await xapi('PUT', path('suspend'), { body: 'raw-data', contentType: 'application/octet-stream' }))
        .status,
    ).toBe(204);
    expect((await xapi('GET', `${path()}&since=${encodeURIComponent(later)}`)).body).toEqual(['suspend']);
    expect((await xapi('GET', path())).body).toEqual(['bookmark', 'suspend']);
    expect((await xapi('DELETE', path('suspend'))).status).toBe(204);
    expect((await xapi('GET', path('suspend'))).status).toBe(404);
    expect((await xapi('GET', `/activities/state?${new URLSearchParams({ activityId })}`)).status).toBe(400);

    const profile = `/agents/profile?${new URLSearchParams({ agent, profileId: 'prefs' })}`;
    expect(
      (await xapi('PUT', profile, { body: '{"lang":"vi"}', headers: { 'if-none-match': '*' } })).status,
    ).toBe(204);
    expect((await xapi('PUT', profile, { body: '{"lang":"hmn"}' })).status).toBe(409);
    expect(
      (await xapi('PUT', profile, { body: '{"lang":"hmn"}', headers: { 'if-none-match': '*' } })).status,
    ).toBe(412);
  });
});

describe('meaning', () => {
  it('a completed statement completes the course through to one course-completed event', async () => {
    const course = await publishedCourse();
    const learnerId = await registerLearner();
    const account = `learner-${RUN}`;
    const link = await api(
      'PUT',
      `/courses/learners/${learnerId}/lrs-account`,
      { homePage: HOME, name: account },
      moocToken,
    );
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ learnerId, homePage: HOME, name: account, linkedStatements: 0 });
    const taken = await api('PUT', `/courses/learners/${randomUUID()}/lrs-account`, {
      homePage: HOME,
      name: account,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.learnerId).toBe(learnerId);

    const progressed = statement(account, VERB.progressed, course.activityId, {
      result: { extensions: { [PROGRESS]: 40 } },
    });
    expect((await post(progressed)).status).toBe(200);
    expect(await enrolmentsOf(learnerId)).toEqual([
      expect.objectContaining({ courseId: course.id, status: 'IN_PROGRESS', progressPercent: 40 }),
    ]);
    const completed = statement(account, VERB.completed, course.activityId);
    expect((await post(completed)).status).toBe(200);
    // Re-sent under another id, and the same statement again: nothing more.
    expect((await post({ ...completed, id: randomUUID() })).status).toBe(200);
    expect((await post(completed)).status).toBe(200);
    expect(await enrolmentsOf(learnerId)).toEqual([
      expect.objectContaining({
        courseId: course.id,
        status: 'COMPLETED',
        progressPercent: 100,
        completedVia: 'MOOC',
      }),
    ]);

    await everythingPublishedIsSeen();
    const events = seen.filter(
      (m) => m.topic === 'courses.course-completed.v1' && m.value['learnerId'] === learnerId,
    );
    expect(events).toHaveLength(1);
    expect(events[0].key).toBe(learnerId);
    expect(events[0].value).toMatchObject({
      learnerId,
      courseId: course.id,
      courseCode: course.code,
      completedVia: 'MOOC',
    });
  });

  it("stores an unknown agent's statements and applies them once the account is linked", async () => {
    const course = await publishedCourse();
    const learnerId = await registerLearner();
    const account = `late-${RUN}`;
    const early = statement(account, VERB.completed, course.activityId);
    expect((await post(early)).status).toBe(200);
    expect(await enrolmentsOf(learnerId)).toEqual([]);
    const link = await api('PUT', `/courses/learners/${learnerId}/lrs-account`, {
      homePage: HOME,
      name: account,
    });
    expect(link.body.linkedStatements).toBe(1);
    expect(await enrolmentsOf(learnerId)).toEqual([
      expect.objectContaining({ courseId: course.id, status: 'COMPLETED' }),
    ]);
    await everythingPublishedIsSeen();
    expect(
      seen.filter((m) => m.topic === 'courses.course-completed.v1' && m.value['learnerId'] === learnerId),
    ).toHaveLength(1);
  });
});
