import { randomInt, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  Platform,
  deleteTopics,
  dropDatabases,
  groupCaughtUp,
  infraUp,
  mintDevToken,
  outboxEmpty,
  queryDb,
  startPlatform,
  until,
} from './platform';

// Issue 14 through the entry point: each campaign model from its API call to its model indicator in
// getIndicators, against the real databases and broker. A platform, databases, topics and groups of its
// own, so the province holds only this run's people and every number is exact.
const RUN = `cmp${Date.now().toString(36)}`;
const DB_PREFIX = `bdhvs_${RUN}`;
const GROUP_PREFIX = `${RUN}-`;
const TOPIC_PREFIX = `${RUN}.`;
const PROVINCE = '12';
const COMMUNE = '03388';
const OTHER_COMMUNE = '03408';
const CAMPAIGN_TOPICS = [
  'campaigns.mentor-registered.v1',
  'campaigns.mentee-assigned.v1',
  'campaigns.desk-helper-registered.v1',
  'campaigns.identity-status-recorded.v1',
  'campaigns.team-created.v1',
  'campaigns.visit-recorded.v1',
  'campaigns.activity-recorded.v1',
];

let platform: Platform;
let gateway: string;
const admin = mintDevToken({ sub: 'e2e-campaigns-admin', roles: ['province-admin'] });
const officer = mintDevToken({ sub: 'e2e-campaigns-officer', roles: ['unit-officer'], unit: COMMUNE });
const otherOfficer = mintDevToken({ sub: 'e2e-other-officer', roles: ['unit-officer'], unit: OTHER_COMMUNE });
const mentorAccount = `e2e-mentor-${RUN}`;
const mentorToken = mintDevToken({ sub: mentorAccount, roles: ['mentor'], unit: COMMUNE });
const strangerMentor = mintDevToken({ sub: `e2e-stranger-${RUN}`, roles: ['mentor'], unit: COMMUNE });

const kafka = new Kafka({
  clientId: 'e2e-campaigns',
  brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});
const kafkaAdmin = kafka.admin();

interface Answer {
  status: number;
  type: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(method: string, path: string, body?: unknown, token = admin): Promise<Answer> {
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
const campaigns = (method: string, path: string, body?: unknown, token = admin) =>
  call(method, `/api/v1/campaigns${path}`, body, token);

const query = <T>(service: string, sql: string, params: unknown[] = []) =>
  queryDb<T>(`${DB_PREFIX}_${service}`, sql, params);

/** A barrier, not a pause: the campaigns outbox is empty and reporting's group read every campaigns topic to its end. */
async function reportingCaughtUp(): Promise<void> {
  await until(
    'reporting caught up with the campaigns events',
    async () =>
      (await outboxEmpty(`${DB_PREFIX}_campaigns`)) &&
      (await groupCaughtUp(
        kafkaAdmin,
        `${GROUP_PREFIX}reporting`,
        CAMPAIGN_TOPICS.map((name) => `${TOPIC_PREFIX}${name}`),
      )),
  );
}

async function registerLearner(
  unitCode: string,
  over: Record<string, unknown> = {},
  dateOfBirth = '1990-05-17',
): Promise<string> {
  const year = dateOfBirth.slice(0, 4);
  const res = await call('POST', '/api/v1/learners/learners', {
    citizenId: `001${Number(year) >= 2000 ? 2 : 0}${year.slice(2)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
    fullName: `Người học ${RUN}`,
    dateOfBirth,
    sex: 'male',
    ethnicity: '13',
    unitCode,
    groups: ['CITIZEN'],
    ...over,
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function knownToCampaigns(learnerIds: string[]): Promise<void> {
  await until('the learners in the campaigns service', async () => {
    const [{ n }] = await query<{ n: number }>(
      'campaigns',
      'SELECT count(*)::int AS n FROM learner WHERE learner_id = ANY($1::uuid[])',
      [learnerIds],
    );
    return n === learnerIds.length;
  });
}

interface Row {
  indicator: string;
  unitCode: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  registered: number;
  eventCount: number;
  asOf: string | null;
  breakdown?: Record<string, string>;
}

/** This year in Vietnam: every record made now falls in it. */
const YEAR = String(new Date(Date.now() + 7 * 3_600_000).getUTCFullYear());

async function indicator(id: string, unit: string, extra = ''): Promise<Row[]> {
  const res = await call(
    'GET',
    `/api/v1/reporting/indicators?unit=${unit}&period=${YEAR}&indicator=${id}${extra}`,
  );
  expect(res.status).toBe(200);
  return res.body;
}

function expectFieldProblem(res: Answer, status: number, field: string): void {
  expect(res.status).toBe(status);
  expect(res.type).toContain('application/problem+json');
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

beforeAll(async () => {
  infraUp();
  platform = await startPlatform({
    dbPrefix: DB_PREFIX,
    groupPrefix: GROUP_PREFIX,
    topicPrefix: TOPIC_PREFIX,
    logLevel: 'warn',
    ports: {
      gateway: 19480,
      learners: 19401,
      courses: 19402,
      certification: 19403,
      campaigns: 19404,
      reporting: 19405,
    },
  });
  gateway = platform.urls.gateway;
  await kafkaAdmin.connect();
  await until(
    'the units in the campaigns service',
    async () => {
      const [{ n }] = await query<{ n: number }>(
        'campaigns',
        'SELECT count(*)::int AS n FROM administrative_unit WHERE code = ANY($1)',
        [[PROVINCE, COMMUNE, OTHER_COMMUNE]],
      );
      return n === 3;
    },
    120_000,
  );
}, 300_000);

afterAll(async () => {
  await platform?.stop();
  await deleteTopics(kafkaAdmin, TOPIC_PREFIX);
  await kafkaAdmin.disconnect();
  await dropDatabases(DB_PREFIX);
});

describe('Đại sứ số (IV.6.1): mentors, mentees and desk helpers, to m_mentor5 and m_desk', () => {
  let mentorLearner: string;
  let secondMentorLearner: string;
  let mentees: string[];
  let outsider: string;
  let mentorId: string;
  let secondMentorId: string;

  it('registers mentors, once each, and refuses what is not a mentor, naming the field', async () => {
    mentorLearner = await registerLearner(COMMUNE);
    secondMentorLearner = await registerLearner(COMMUNE);
    mentees = [];
    for (let i = 0; i < 6; i++) mentees.push(await registerLearner(COMMUNE));
    outsider = await registerLearner(OTHER_COMMUNE);
    await knownToCampaigns([mentorLearner, secondMentorLearner, ...mentees, outsider]);

    const created = await campaigns(
      'POST',
      '/mentors',
      { learnerId: mentorLearner, unitCode: COMMUNE, account: mentorAccount },
      officer,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      learnerId: mentorLearner,
      unitCode: COMMUNE,
      account: mentorAccount,
    });
    mentorId = created.body.id;
    const again = await campaigns(
      'POST',
      '/mentors',
      { learnerId: mentorLearner, unitCode: COMMUNE },
      officer,
    );
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(mentorId);
    const second = await campaigns('POST', '/mentors', { learnerId: secondMentorLearner, unitCode: COMMUNE });
    expect(second.status).toBe(201);
    secondMentorId = second.body.id;

    expectFieldProblem(
      await campaigns('POST', '/mentors', { learnerId: randomUUID(), unitCode: COMMUNE }),
      422,
      'learnerId',
    );
    expectFieldProblem(
      await campaigns('POST', '/mentors', { learnerId: outsider, unitCode: PROVINCE }),
      400,
      'unitCode',
    );
    expectFieldProblem(
      await campaigns('POST', '/mentors', { learnerId: outsider, unitCode: COMMUNE }),
      422,
      'unitCode',
    );
    expectFieldProblem(
      await campaigns('POST', '/mentors', { learnerId: 'x', unitCode: COMMUNE }),
      400,
      'learnerId',
    );
    const foreign = await campaigns(
      'POST',
      '/mentors',
      { learnerId: outsider, unitCode: OTHER_COMMUNE },
      officer,
    );
    expect(foreign.status).toBe(403);
    expect(foreign.type).toContain('application/problem+json');
  });

  it('assigns mentees one mentor at a time, never oneself, within the mentor’s unit', async () => {
    for (const learnerId of mentees.slice(0, 5)) {
      const res = await campaigns('POST', '/mentees', { mentorId, learnerId }, mentorToken);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ mentorId, learnerId });
    }
    const same = await campaigns('POST', '/mentees', { mentorId, learnerId: mentees[0] }, mentorToken);
    expect(same.status).toBe(200);

    const elsewhere = await campaigns('POST', '/mentees', {
      mentorId: secondMentorId,
      learnerId: mentees[0],
    });
    expectFieldProblem(elsewhere, 409, 'learnerId');
    expect(elsewhere.body.mentorId).toBe(mentorId);
    expectFieldProblem(
      await campaigns('POST', '/mentees', { mentorId, learnerId: mentorLearner }),
      422,
      'learnerId',
    );
    expectFieldProblem(
      await campaigns('POST', '/mentees', { mentorId, learnerId: outsider }),
      422,
      'learnerId',
    );
    expectFieldProblem(
      await campaigns('POST', '/mentees', { mentorId, learnerId: randomUUID() }),
      422,
      'learnerId',
    );
    expectFieldProblem(
      await campaigns('POST', '/mentees', { mentorId: randomUUID(), learnerId: mentees[5] }),
      404,
      'mentorId',
    );
    // A mentor's account acts for its own record only; an officer of another commune not at all.
    expectFieldProblem(
      await campaigns('POST', '/mentees', { mentorId, learnerId: mentees[5] }, strangerMentor),
      403,
      'mentorId',
    );
    expect(
      (await campaigns('POST', '/mentees', { mentorId, learnerId: mentees[5] }, otherOfficer)).status,
    ).toBe(403);
    // The second mentor guides one mentee: below the 5-mentee rule.
    expect(
      (await campaigns('POST', '/mentees', { mentorId: secondMentorId, learnerId: mentees[5] })).status,
    ).toBe(201);

    const mentor = await campaigns('GET', `/mentors/${mentorId}`, undefined, mentorToken);
    expect(mentor.status).toBe(200);
    expect(mentor.body.mentees.map((m: { learnerId: string }) => m.learnerId).sort()).toEqual(
      mentees.slice(0, 5).sort(),
    );
    expect(mentor.body.meetsMenteeRule).toBe(true);
  });

  it('registers a desk helper at a commune’s public-service desk', async () => {
    const res = await campaigns(
      'POST',
      '/desk-helpers',
      { learnerId: secondMentorLearner, unitCode: COMMUNE },
      officer,
    );
    expect(res.status).toBe(201);
    const again = await campaigns('POST', '/desk-helpers', {
      learnerId: secondMentorLearner,
      unitCode: COMMUNE,
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(res.body.id);
    expectFieldProblem(
      await campaigns('POST', '/desk-helpers', { learnerId: outsider, unitCode: PROVINCE }),
      400,
      'unitCode',
    );
    expectFieldProblem(
      await campaigns('POST', '/desk-helpers', { learnerId: randomUUID(), unitCode: OTHER_COMMUNE }),
      422,
      'learnerId',
    );
  });

  it('shows m_mentor5 and m_desk in getIndicators, summed from the communes to the province', async () => {
    await reportingCaughtUp();
    const [mentors] = await indicator('m_mentor5', COMMUNE);
    expect(mentors).toMatchObject({
      unitCode: COMMUNE,
      numerator: 1,
      denominator: 2,
      value: 0.5,
      registered: 2,
    });
    expect(mentors.eventCount).toBe(2 + 6);
    expect(mentors.asOf).not.toBeNull();

    const province = await indicator('m_desk', PROVINCE, '&breakdown=subunit');
    const own = province.find((r) => !r.breakdown) as Row;
    const communes = province.filter((r) => r.breakdown);
    expect(own.numerator).toBe(1);
    expect(own.denominator).toBeGreaterThan(1);
    expect(own.value).toBeCloseTo(1 / (own.denominator as number));
    expect(communes.reduce((n, r) => n + r.numerator, 0)).toBe(1);
    const [desk] = await indicator('m_desk', COMMUNE);
    expect(desk).toMatchObject({ numerator: 1, denominator: 1, value: 1, registered: 1 });
    const [none] = await indicator('m_desk', OTHER_COMMUNE);
    expect(none).toMatchObject({ numerator: 0, denominator: 1, value: 0 });

    const byTrait = await call(
      'GET',
      `/api/v1/reporting/indicators?unit=${COMMUNE}&indicator=m_mentor5&breakdown=sex`,
    );
    expect(byTrait.status).toBe(400);
    expect(byTrait.type).toContain('application/problem+json');
  });
});

describe('Mỗi công dân - Một danh tính số (IV.6.4): identities to m_identity16', () => {
  it('counts learners from 16 with a VNeID identity and a digital bank account, from the registry and helpers', async () => {
    const birthYear = Number(YEAR) - 30;
    const teenYear = Number(YEAR) - 15;
    const fromRegistry = await registerLearner(
      OTHER_COMMUNE,
      { vneidStatus: 'level2', digitalBankAccount: true },
      `${birthYear}-01-10`,
    );
    const helped = await registerLearner(OTHER_COMMUNE, { vneidStatus: 'level1' }, `${birthYear}-03-02`);
    const onlyIdentity = await registerLearner(
      OTHER_COMMUNE,
      { vneidStatus: 'level2' },
      `${birthYear}-07-21`,
    );
    const tooYoung = await registerLearner(
      OTHER_COMMUNE,
      {
        vneidStatus: 'level2',
        digitalBankAccount: true,
        groups: ['STUDENT'],
        studentLevel: 'LOWER_SECONDARY',
      },
      `${teenYear}-02-01`,
    );
    await knownToCampaigns([fromRegistry, helped, onlyIdentity, tooYoung]);

    const recorded = await campaigns(
      'POST',
      '/identity-statuses',
      { learnerId: helped, digitalBankAccount: true, consent: true },
      otherOfficer,
    );
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      learnerId: helped,
      vneidStatus: 'level1',
      digitalBankAccount: true,
    });

    expectFieldProblem(
      await campaigns('POST', '/identity-statuses', {
        learnerId: helped,
        digitalBankAccount: true,
        consent: false,
      }),
      400,
      'consent',
    );
    expectFieldProblem(
      await campaigns('POST', '/identity-statuses', { learnerId: helped, consent: true }),
      400,
      'vneidStatus',
    );
    expectFieldProblem(
      await campaigns('POST', '/identity-statuses', {
        learnerId: randomUUID(),
        vneidStatus: 'level1',
        consent: true,
      }),
      422,
      'learnerId',
    );
    expect(
      (
        await campaigns(
          'POST',
          '/identity-statuses',
          { learnerId: helped, vneidStatus: 'level2', consent: true },
          officer,
        )
      ).status,
    ).toBe(403);

    await reportingCaughtUp();
    // In OTHER_COMMUNE: the outsider of the first model (born 1990, no identity) and these four.
    const [row] = await indicator('m_identity16', OTHER_COMMUNE);
    expect(row).toMatchObject({ numerator: 2, denominator: 4, value: 0.5, registered: 4 });
    // The statements behind it: two registrations, one registration and a helper's record.
    expect(row.eventCount).toBe(4);
    const [province] = await indicator('m_identity16', PROVINCE);
    expect(province.numerator).toBe(2);
    expect(province.denominator).toBe(province.registered);

    // A later correction in the registry withdraws the account: the learner stops counting.
    const corrected = await call('PATCH', `/api/v1/learners/learners/${fromRegistry}`, {
      digitalBankAccount: false,
      reason: 'Closed the bank account',
    });
    expect(corrected.status).toBe(200);
    await until('the correction in m_identity16', async () => {
      await reportingCaughtUp();
      const [now] = await indicator('m_identity16', OTHER_COMMUNE);
      return now.numerator === 1;
    });
  });
});

describe('Tổ công nghệ số cộng đồng and the youth campaign (IV.6.5, IV.6.6): visits to m_visits', () => {
  it('records door-to-door visits to households of the team’s commune, and counts them in the period', async () => {
    const household = await call('POST', '/api/v1/learners/households', { unitCode: COMMUNE });
    expect(household.status).toBe(201);
    const farAway = await call('POST', '/api/v1/learners/households', { unitCode: OTHER_COMMUNE });
    expect(farAway.status).toBe(201);
    const helpedLearner = await registerLearner(COMMUNE);
    await knownToCampaigns([helpedLearner]);
    await until('the households in the campaigns service', async () => {
      const [{ n }] = await query<{ n: number }>(
        'campaigns',
        'SELECT count(*)::int AS n FROM household WHERE household_id = ANY($1::uuid[])',
        [[household.body.id, farAway.body.id]],
      );
      return n === 2;
    });

    const team = await campaigns(
      'POST',
      '/teams',
      { name: `Tổ công nghệ số ${RUN}`, kind: 'COMMUNITY_TECH_TEAM', unitCode: COMMUNE },
      officer,
    );
    expect(team.status).toBe(201);
    const youth = await campaigns('POST', '/teams', {
      name: `Đoàn thanh niên ${RUN}`,
      kind: 'YOUTH_TEAM',
      unitCode: COMMUNE,
    });
    expect(youth.status).toBe(201);
    expectFieldProblem(
      await campaigns('POST', '/teams', { name: 'x', kind: 'CLUB', unitCode: COMMUNE }),
      400,
      'kind',
    );
    const member = await campaigns(
      'POST',
      `/teams/${team.body.id}/members`,
      { learnerId: helpedLearner },
      officer,
    );
    expect(member.status).toBe(201);
    expect(
      (await campaigns('POST', `/teams/${team.body.id}/members`, { learnerId: helpedLearner })).status,
    ).toBe(200);

    const visit = (teamId: string, over: Record<string, unknown> = {}, token = mentorToken) =>
      campaigns(
        'POST',
        `/teams/${teamId}/visits`,
        {
          householdId: household.body.id,
          visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
          helpedWith: ['VNEID', 'DIGITAL_BANKING'],
          learnerIds: [helpedLearner],
          ...over,
        },
        token,
      );
    for (let i = 0; i < 3; i++) expect((await visit(team.body.id)).status).toBe(201);
    expect((await visit(youth.body.id, { helpedWith: ['SMARTPHONE'] })).status).toBe(201);

    expectFieldProblem(await visit(team.body.id, { householdId: farAway.body.id }), 422, 'householdId');
    expectFieldProblem(await visit(team.body.id, { householdId: randomUUID() }), 422, 'householdId');
    expectFieldProblem(
      await visit(team.body.id, { visitedAt: new Date(Date.now() + 86_400_000).toISOString() }),
      422,
      'visitedAt',
    );
    expectFieldProblem(await visit(team.body.id, { learnerIds: [randomUUID()] }), 422, 'learnerIds.0');
    expectFieldProblem(await visit(team.body.id, { helpedWith: ['GARDENING'] }), 400, 'helpedWith');
    expectFieldProblem(await visit(randomUUID()), 404, 'teamId');
    expect((await visit(team.body.id, {}, otherOfficer)).status).toBe(403);
    const got = await campaigns('GET', `/teams/${team.body.id}`);
    expect(got.body).toMatchObject({ visits: 3, memberIds: [helpedLearner] });

    await reportingCaughtUp();
    const [row] = await indicator('m_visits', COMMUNE);
    expect(row).toMatchObject({ numerator: 4, value: 4, denominator: null, registered: 2, eventCount: 4 });
    const province = await indicator('m_visits', PROVINCE, '&breakdown=subunit');
    expect(province.find((r) => !r.breakdown)?.numerator).toBe(4);
    expect(province.find((r) => r.unitCode === COMMUNE && r.breakdown)?.numerator).toBe(4);
    expect(province.find((r) => r.unitCode === OTHER_COMMUNE && r.breakdown)?.numerator).toBe(0);

    const teams = await call('GET', `/api/v1/reporting/rankings?of=teams&period=${YEAR}`);
    expect(teams.status).toBe(200);
    expect(
      teams.body.ranking.map((r: { id: string; rank: number; score: number }) => [r.id, r.rank, r.score]),
    ).toEqual([
      [team.body.id, 1, 3],
      [youth.body.id, 2, 1],
    ]);
  });
});

describe('Chợ số - Nông thôn số (IV.6.3) and the festival (IV.1.3): campaigns, activities, m_4t', () => {
  it('counts 4T trainees who completed, once each, and refuses attendance after an activity’s end', async () => {
    const traders = [];
    for (let i = 0; i < 3; i++) traders.push(await registerLearner(COMMUNE));
    await knownToCampaigns(traders);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const market = await campaigns(
      'POST',
      '/campaigns',
      {
        model: 'DIGITAL_MARKET_4T',
        unitCode: COMMUNE,
        name: `Chợ số ${RUN}`,
        startsOn: `${YEAR}-01-01`,
        organisation: 'WOMENS_UNION',
      },
      officer,
    );
    expect(market.status).toBe(201);
    expectFieldProblem(
      await campaigns('POST', '/campaigns', {
        model: 'DIGITAL_MARKET_4T',
        unitCode: COMMUNE,
        name: 'x',
        startsOn: today,
        endsOn: '2025-01-01',
        organisation: 'SCHOOL',
      }),
      400,
      'endsOn',
    );
    expectFieldProblem(
      await campaigns('POST', '/campaigns', {
        model: 'MARKET',
        unitCode: COMMUNE,
        name: 'x',
        startsOn: today,
        organisation: 'SCHOOL',
      }),
      400,
      'model',
    );
    const startsAt = new Date(Date.now() - 4 * 3_600_000).toISOString();
    const endsAt = new Date(Date.now() - 3_600_000).toISOString();
    const workshop = (participants: unknown[]) =>
      campaigns(
        'POST',
        `/campaigns/${market.body.id}/activities`,
        {
          kind: 'WORKSHOP',
          title: 'Thương mại điện tử và thanh toán không dùng tiền mặt',
          startsAt,
          endsAt,
          participants,
        },
        mentorToken,
      );
    const first = await workshop([
      { learnerId: traders[0], completed: true },
      { learnerId: traders[1], completed: true },
      { learnerId: traders[2] },
    ]);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ participants: 3, completed: 2 });
    // The same trader completing a second workshop is still one trainee.
    expect((await workshop([{ learnerId: traders[0], completed: true }])).status).toBe(201);

    expectFieldProblem(
      await workshop([{ learnerId: traders[2], attendedAt: new Date(Date.now() - 60_000).toISOString() }]),
      422,
      'participants.0.attendedAt',
    );
    expectFieldProblem(await workshop([{ learnerId: randomUUID() }]), 422, 'participants.0.learnerId');
    expectFieldProblem(
      await campaigns('POST', `/campaigns/${randomUUID()}/activities`, {
        kind: 'WORKSHOP',
        title: 'x',
        startsAt,
        endsAt,
        participants: [],
      }),
      404,
      'campaignId',
    );

    // The yearly learning day: a festival event of a LEARNING_FESTIVAL campaign, with its attendance per unit.
    const festival = await campaigns('POST', '/campaigns', {
      model: 'LEARNING_FESTIVAL',
      unitCode: PROVINCE,
      name: `Ngày hội toàn dân học tập số ${YEAR}`,
      startsOn: `${YEAR}-01-01`,
      organisation: 'YOUTH_UNION',
    });
    expect(festival.status).toBe(201);
    const event = await campaigns('POST', `/campaigns/${festival.body.id}/activities`, {
      kind: 'FESTIVAL_EVENT',
      title: 'Trải nghiệm dịch vụ số',
      unitCode: COMMUNE,
      startsAt,
      endsAt,
      participants: traders.map((learnerId) => ({ learnerId })),
    });
    expect(event.status).toBe(201);
    const got = await campaigns('GET', `/campaigns/${festival.body.id}`);
    expect(got.body.activities).toEqual([
      expect.objectContaining({ unitCode: COMMUNE, participants: 3, completed: 0 }),
    ]);

    await reportingCaughtUp();
    const [row] = await indicator('m_4t', COMMUNE);
    expect(row).toMatchObject({ numerator: 2, value: 2, denominator: null, registered: 3, eventCount: 4 });
    const [province] = await indicator('m_4t', PROVINCE);
    expect(province.numerator).toBe(2);
  });
});

describe('emulation and rewards (IV.2.2): rankings follow from the events; nominations are proposed and approved', () => {
  it('ranks the mentor guiding five above the one guiding one, with the figures behind', async () => {
    const res = await call('GET', `/api/v1/reporting/rankings?of=mentors&period=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.body.ranking).toEqual([
      expect.objectContaining({
        rank: 1,
        unitCode: COMMUNE,
        score: 5,
        figures: { mentees: 5, certifiedMentees: 0 },
      }),
      expect.objectContaining({
        rank: 2,
        unitCode: COMMUNE,
        score: 1,
        figures: { mentees: 1, certifiedMentees: 0 },
      }),
    ]);
    const lastYear = await call('GET', `/api/v1/reporting/rankings?of=mentors&period=${Number(YEAR) - 1}`);
    expect(lastYear.body.ranking).toEqual([]);
  });

  it('nominates the first-ranked mentor for a reward, and a province admin other than the proposer approves it', async () => {
    const ranking = await call('GET', `/api/v1/reporting/rankings?of=mentors&period=${YEAR}`);
    const best = ranking.body.ranking[0].id as string;
    const nominated = await campaigns(
      'POST',
      '/nominations',
      { nomineeKind: 'MENTOR', nomineeId: best, period: YEAR, reason: 'Hướng dẫn 5 người dân' },
      officer,
    );
    expect(nominated.status).toBe(201);
    expect(nominated.body).toMatchObject({
      status: 'PROPOSED',
      proposedBy: 'e2e-campaigns-officer',
      unitCode: COMMUNE,
    });
    expectFieldProblem(
      await campaigns('POST', '/nominations', {
        nomineeKind: 'MENTOR',
        nomineeId: best,
        period: YEAR,
        reason: 'again',
      }),
      409,
      'nomineeId',
    );
    expectFieldProblem(
      await campaigns('POST', '/nominations', {
        nomineeKind: 'TEAM',
        nomineeId: randomUUID(),
        period: YEAR,
        reason: 'none',
      }),
      422,
      'nomineeId',
    );
    expect(
      (
        await campaigns(
          'POST',
          '/nominations',
          { nomineeKind: 'UNIT', nomineeId: OTHER_COMMUNE, period: YEAR, reason: 'x y z' },
          officer,
        )
      ).status,
    ).toBe(403);
    expect(
      (await campaigns('POST', `/nominations/${nominated.body.id}/approval`, undefined, officer)).status,
    ).toBe(403);
    const proposer = mintDevToken({ sub: 'e2e-campaigns-admin', roles: ['province-admin'] });
    const unit = await campaigns(
      'POST',
      '/nominations',
      { nomineeKind: 'UNIT', nomineeId: COMMUNE, period: YEAR, reason: 'Xã dẫn đầu' },
      proposer,
    );
    expect(unit.status).toBe(201);
    expectFieldProblem(
      await campaigns('POST', `/nominations/${unit.body.id}/approval`, undefined, proposer),
      409,
      'nominationId',
    );
    const approver = mintDevToken({ sub: 'e2e-province-approver', roles: ['province-admin'] });
    const approved = await campaigns(
      'POST',
      `/nominations/${nominated.body.id}/approval`,
      undefined,
      approver,
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', approvedBy: 'e2e-province-approver' });
    expectFieldProblem(
      await campaigns('POST', `/nominations/${nominated.body.id}/approval`, undefined, approver),
      409,
      'nominationId',
    );
  });
});

describe('getIndicators', () => {
  it('lists the model indicators among every unit row', async () => {
    const res = await call('GET', `/api/v1/reporting/indicators?unit=${COMMUNE}&period=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.body.map((r: Row) => r.indicator)).toEqual(
      expect.arrayContaining(['m_mentor5', 'm_desk', 'm_identity16', 'm_visits', 'm_4t']),
    );
  });
});
