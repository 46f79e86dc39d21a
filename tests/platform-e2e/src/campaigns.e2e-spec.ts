import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
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
  sign,
  startPlatform,
  syntheticCertification,
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
  'campaigns.mentee-reassigned.v1',
];
/** What happens in campaigns without changing an indicator: published all the same, each valid. */
const RECORD_TOPICS = [
  'campaigns.campaign-created.v1',
  'campaigns.team-member-added.v1',
  'campaigns.mentee-reassigned.v1',
  'campaigns.nomination-proposed.v1',
  'campaigns.nomination-approved.v1',
];

let platform: Platform;
let gateway: string;
const admin = mintDevToken({ sub: 'e2e-campaigns-admin', roles: ['province-admin'] });
const officer = mintDevToken({ sub: 'e2e-campaigns-officer', roles: ['unit-officer'], unit: COMMUNE });
const otherOfficer = mintDevToken({ sub: 'e2e-other-officer', roles: ['unit-officer'], unit: OTHER_COMMUNE });
const mentorAccount = `e2e-mentor-${RUN}`;
const mentorToken = mintDevToken({ sub: mentorAccount, roles: ['mentor'], unit: COMMUNE });
const strangerMentor = mintDevToken({ sub: `e2e-stranger-${RUN}`, roles: ['mentor'], unit: COMMUNE });
// The same mentor's account, bounded to another commune: it acts outside its unit.
const mentorElsewhere = mintDevToken({ sub: mentorAccount, roles: ['mentor'], unit: OTHER_COMMUNE });
let secret: string;

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

/** A citizen ID whose 4th digit tells the century of birth and the sex, as the learners service checks. */
const citizenIdOf = (dateOfBirth: string, sex = 'male') => {
  const year = dateOfBirth.slice(0, 4);
  const century = (Number(year) >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0);
  return `001${century}${year.slice(2)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
};

async function registerLearner(
  unitCode: string,
  over: Record<string, unknown> = {},
  dateOfBirth = '1990-05-17',
): Promise<string> {
  const res = await call('POST', '/api/v1/learners/learners', {
    citizenId: citizenIdOf(dateOfBirth, (over['sex'] as string | undefined) ?? 'male'),
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

/** Whole years on the period's last day, as reporting's age bands count them. */
function ageBandOf(dateOfBirth: string): string {
  // The last day is 31 December: everyone has had this year's birthday.
  const age = Number(YEAR) - Number(dateOfBirth.slice(0, 4));
  return age >= 60
    ? '60+'
    : age >= 45
      ? '45-59'
      : age >= 30
        ? '30-44'
        : age >= 18
          ? '18-29'
          : age >= 15
            ? '15-17'
            : '0-14';
}

/** One person (or household) an indicator is about, as the test sent it: the breakdown's value and whether they count. */
interface Sent {
  value: string;
  counted: boolean;
}

/**
 * A breakdown of a model indicator against the test's own computation from what it sent: every value
 * answered, `unknown` last, each row's numerator and registered as computed, the rows adding up to the
 * unit's own row. For a share of its own population the denominator splits too.
 */
async function expectBreakdown(
  id: string,
  unit: string,
  breakdown: string,
  values: string[],
  sent: Sent[],
  { share, population }: { share: boolean; population: boolean },
): Promise<void> {
  const rows = await indicator(id, unit, `&breakdown=${breakdown}`);
  const own = rows.find((r) => !r.breakdown) as Row;
  const split = rows.filter((r) => r.breakdown);
  expect(split.map((r) => r.breakdown?.[breakdown])).toEqual(values);
  for (const row of split) {
    const value = row.breakdown?.[breakdown];
    const numerator = sent.filter((p) => p.value === value && p.counted).length;
    const registered = sent.filter((p) => p.value === value).length;
    expect({ value, numerator: row.numerator, denominator: row.denominator }).toEqual({
      value,
      numerator,
      denominator: share ? registered : null,
    });
    // `registered` is the population the test sent (mentors, citizens, trainees), or, for visits, the teams.
    if (population) expect(row.registered).toBe(registered);
  }
  expect(split.reduce((n, r) => n + r.numerator, 0)).toBe(own.numerator);
  if (population) expect(split.reduce((n, r) => n + r.registered, 0)).toBe(own.registered);
}

const SEXES = ['male', 'female', 'unknown'];
const AGE_BANDS = ['0-14', '15-17', '18-29', '30-44', '45-59', '60+', 'unknown'];

/** A VNeID certification of a registered learner (by their citizen ID), happening now, through the webhook. */
async function certify(citizenId: string, dateOfBirth: string): Promise<void> {
  const event = {
    ...syntheticCertification({
      index: randomInt(0, 1_000_000),
      unitCode: COMMUNE,
      runId: RUN,
      // Now, not a moment ago: the mentor credited is the one guiding the mentee at this instant.
      occurredAt: new Date().toISOString(),
    }),
    citizenId,
    dateOfBirth,
  };
  const body = JSON.stringify(event);
  const res = await fetch(`${gateway}/api/v1/certification/vneid-events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${mintDevToken({ sub: 'vneid-adapter', roles: ['vneid-adapter'] })}`,
      'x-vneid-signature': sign(body, secret),
    },
    body,
  });
  expect(res.status).toBe(202);
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
  secret = platform.secrets.VNEID_HMAC_SECRET;
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
  let menteeCitizens: string[];
  let outsider: string;
  const secondMentorBorn = `${Number(YEAR) - 22}-02-01`;
  let mentorId: string;
  let secondMentorId: string;

  it('registers mentors, once each, and refuses what is not a mentor, naming the field', async () => {
    mentorLearner = await registerLearner(COMMUNE);
    secondMentorLearner = await registerLearner(COMMUNE, { sex: 'female' }, secondMentorBorn);
    mentees = [];
    menteeCitizens = [];
    for (let i = 0; i < 8; i++) {
      menteeCitizens.push(citizenIdOf('1990-05-17'));
      mentees.push(await registerLearner(COMMUNE, { citizenId: menteeCitizens[i] }));
    }
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

  it('moves a mentee to another mentor, the first assignment kept as history, and refuses what cannot move', async () => {
    const move = (learnerId: string, to: string, token = officer) =>
      campaigns('POST', `/mentees/${learnerId}/reassignment`, { mentorId: to }, token);
    const moved = await move(mentees[0], secondMentorId);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      mentorId: secondMentorId,
      learnerId: mentees[0],
      previousMentorId: mentorId,
    });
    const again = await move(mentees[0], secondMentorId);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ mentorId: secondMentorId, previousMentorId: null });

    expectFieldProblem(await move(mentees[6], mentorId), 409, 'learnerId');
    expectFieldProblem(await move(secondMentorLearner, secondMentorId), 422, 'learnerId');
    expectFieldProblem(await move(randomUUID(), mentorId), 422, 'learnerId');
    expectFieldProblem(await move(mentees[1], randomUUID()), 404, 'mentorId');
    expectFieldProblem(await move(mentees[1], secondMentorId, otherOfficer), 403, 'mentorId');
    // A mentor does not take over another mentor's mentee; nor act from another commune.
    expect((await move(mentees[1], secondMentorId, mentorToken)).status).toBe(403);
    expectFieldProblem(
      await campaigns('POST', '/mentees', { mentorId, learnerId: mentees[7] }, mentorElsewhere),
      403,
      'mentorId',
    );

    // One mentor at a time: the first mentor has four now, below the rule, until a new mentee comes.
    expect((await campaigns('GET', `/mentors/${mentorId}`)).body.meetsMenteeRule).toBe(false);
    expect(
      (await campaigns('POST', '/mentees', { mentorId, learnerId: mentees[6] }, mentorToken)).status,
    ).toBe(201);
    const first = await campaigns('GET', `/mentors/${mentorId}`);
    expect(first.body.mentees.map((m: { learnerId: string }) => m.learnerId).sort()).toEqual(
      [...mentees.slice(1, 5), mentees[6]].sort(),
    );
    expect(first.body.meetsMenteeRule).toBe(true);
    expect(first.body.formerMentees).toEqual([
      expect.objectContaining({ learnerId: mentees[0], mentorId, endedAt: expect.any(String) }),
    ]);
    const history = await query<{ mentorId: string; ended: boolean }>(
      'campaigns',
      `SELECT mentor_id AS "mentorId", ended_at IS NOT NULL AS ended FROM mentee_assignment
        WHERE learner_id = $1 ORDER BY assigned_at`,
      [mentees[0]],
    );
    expect(history).toEqual([
      { mentorId, ended: true },
      { mentorId: secondMentorId, ended: false },
    ]);
  });

  it('credits a certified mentee to the mentor who guided them when VNeID certified them', async () => {
    // mentees[1] is with the first mentor, mentees[5] with the second, when they are certified.
    await certify(menteeCitizens[1], '1990-05-17');
    await certify(menteeCitizens[5], '1990-05-17');
    const keys = (
      await query<{ key: string }>(
        'campaigns',
        'SELECT learner_key AS key FROM learner WHERE learner_id = ANY($1::uuid[])',
        [[mentees[1], mentees[5]]],
      )
    ).map((r) => r.key);
    await until('the certificates in reporting', async () => {
      const [{ n }] = await query<{ n: number }>(
        'reporting',
        'SELECT count(*)::int AS n FROM learner_fact WHERE learner_key = ANY($1::bpchar[]) AND qualified @> now()',
        [keys],
      );
      return n === 2;
    });
    // Then mentees[1] moves to the second mentor, and the first mentor takes a new mentee.
    expect(
      (await campaigns('POST', `/mentees/${mentees[1]}/reassignment`, { mentorId: secondMentorId }, officer))
        .status,
    ).toBe(200);
    expect(
      (await campaigns('POST', '/mentees', { mentorId, learnerId: mentees[7] }, mentorToken)).status,
    ).toBe(201);
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
    // The first mentor guides mentees 2-4, 6 and 7 (five); the second mentees 0, 1 and 5 (three).
    const [mentors] = await indicator('m_mentor5', COMMUNE);
    expect(mentors).toMatchObject({
      unitCode: COMMUNE,
      numerator: 1,
      denominator: 2,
      value: 0.5,
      registered: 2,
    });
    // The registrations and the assignments standing now.
    expect(mentors.eventCount).toBe(2 + 5 + 3);
    expect(mentors.asOf).not.toBeNull();
    const sent = [
      { sex: 'male', born: '1990-05-17', counted: true },
      { sex: 'female', born: secondMentorBorn, counted: false },
    ];
    await expectBreakdown(
      'm_mentor5',
      COMMUNE,
      'sex',
      SEXES,
      sent.map((m) => ({ value: m.sex, counted: m.counted })),
      { share: true, population: true },
    );
    await expectBreakdown(
      'm_mentor5',
      PROVINCE,
      'ageBand',
      AGE_BANDS,
      sent.map((m) => ({ value: ageBandOf(m.born), counted: m.counted })),
      { share: true, population: true },
    );

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

    // m_desk counts communes: a person's trait, or a household's poverty, does not split it.
    for (const breakdown of ['sex', 'poorHousehold'])
      expectFieldProblem(
        await call(
          'GET',
          `/api/v1/reporting/indicators?unit=${COMMUNE}&indicator=m_desk&breakdown=${breakdown}`,
        ),
        400,
        'breakdown',
      );
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
    const helped = await registerLearner(
      OTHER_COMMUNE,
      { vneidStatus: 'level1', sex: 'female' },
      `${birthYear}-03-02`,
    );
    const onlyIdentity = await registerLearner(
      OTHER_COMMUNE,
      { vneidStatus: 'level2' },
      `${birthYear - 20}-07-21`,
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
    const citizens = [
      { sex: 'male', born: '1990-05-17', counted: false },
      { sex: 'male', born: `${birthYear}-01-10`, counted: true },
      { sex: 'female', born: `${birthYear}-03-02`, counted: true },
      { sex: 'male', born: `${birthYear - 20}-07-21`, counted: false },
    ];
    await expectBreakdown(
      'm_identity16',
      OTHER_COMMUNE,
      'sex',
      SEXES,
      citizens.map((c) => ({ value: c.sex, counted: c.counted })),
      { share: true, population: true },
    );
    await expectBreakdown(
      'm_identity16',
      OTHER_COMMUNE,
      'ageBand',
      AGE_BANDS,
      citizens.map((c) => ({ value: ageBandOf(c.born), counted: c.counted })),
      { share: true, population: true },
    );

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
    // A member of the visited household whose profile says it is poor: m_visits splits by it.
    const helpedLearner = await registerLearner(COMMUNE, {
      householdId: household.body.id,
      poorHousehold: true,
    });
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
    // An officer of another commune, or a mentor bounded to one, acts outside their unit.
    expectFieldProblem(await visit(team.body.id, {}, otherOfficer), 403, 'teamId');
    expectFieldProblem(await visit(team.body.id, {}, mentorElsewhere), 403, 'teamId');
    const got = await campaigns('GET', `/teams/${team.body.id}`);
    expect(got.body).toMatchObject({ visits: 3, memberIds: [helpedLearner] });

    await reportingCaughtUp();
    const [row] = await indicator('m_visits', COMMUNE);
    expect(row).toMatchObject({ numerator: 4, value: 4, denominator: null, registered: 2, eventCount: 4 });
    const province = await indicator('m_visits', PROVINCE, '&breakdown=subunit');
    expect(province.find((r) => !r.breakdown)?.numerator).toBe(4);
    expect(province.find((r) => r.unitCode === COMMUNE && r.breakdown)?.numerator).toBe(4);
    expect(province.find((r) => r.unitCode === OTHER_COMMUNE && r.breakdown)?.numerator).toBe(0);
    const visits = Array.from({ length: 4 }, () => ({ value: 'true', counted: true }));
    await expectBreakdown('m_visits', COMMUNE, 'poorHousehold', ['false', 'true', 'unknown'], visits, {
      share: false,
      population: false,
    });
    await expectBreakdown(
      'm_family',
      COMMUNE,
      'poorHousehold',
      ['false', 'true', 'unknown'],
      [{ value: 'true', counted: false }],
      { share: true, population: true },
    );
    expectFieldProblem(
      await call('GET', `/api/v1/reporting/indicators?unit=${COMMUNE}&indicator=m_visits&breakdown=sex`),
      400,
      'breakdown',
    );

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
    const traderSexes = ['female', 'male', 'male'];
    for (const sex of traderSexes) traders.push(await registerLearner(COMMUNE, { sex }));
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
      await campaigns(
        'POST',
        `/campaigns/${market.body.id}/activities`,
        { kind: 'WORKSHOP', title: 'x', startsAt, endsAt, participants: [] },
        mentorElsewhere,
      ),
      403,
      'campaignId',
    );
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
    // traders[0] and traders[1] completed; traders[2] only attended.
    await expectBreakdown(
      'm_4t',
      COMMUNE,
      'sex',
      SEXES,
      traderSexes.map((sex, i) => ({ value: sex, counted: i < 2 })),
      { share: false, population: true },
    );
  });
});

describe('emulation and rewards (IV.2.2): rankings follow from the events; nominations are proposed and approved', () => {
  it('ranks the mentor guiding five above the one guiding three, with the figures behind', async () => {
    const res = await call('GET', `/api/v1/reporting/rankings?of=mentors&period=${YEAR}`);
    expect(res.status).toBe(200);
    // mentees[1] was certified while the first mentor guided them and moved afterwards: theirs, not the
    // second mentor's, who has mentees[5], certified while with them.
    expect(res.body.ranking).toEqual([
      expect.objectContaining({
        rank: 1,
        unitCode: COMMUNE,
        score: 5,
        figures: { mentees: 5, certifiedMentees: 1 },
      }),
      expect.objectContaining({
        rank: 2,
        unitCode: COMMUNE,
        score: 3,
        figures: { mentees: 3, certifiedMentees: 1 },
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
  it('answers every breakdown of the person-based model indicators, the rows adding up to the unit row', async () => {
    const breakdowns = [
      'group',
      'sex',
      'ethnicity',
      'ethnicMinority',
      'ageBand',
      'disability',
      'poorHousehold',
    ];
    for (const id of ['m_mentor5', 'm_identity16', 'm_4t'])
      for (const breakdown of breakdowns) {
        const rows = await indicator(id, PROVINCE, `&breakdown=${breakdown}`);
        const own = rows.find((r) => !r.breakdown) as Row;
        const split = rows.filter((r) => r.breakdown);
        expect(split[split.length - 1].breakdown?.[breakdown]).toBe('unknown');
        const sum = (field: 'numerator' | 'registered') => split.reduce((n, r) => n + r[field], 0);
        // A person in several groups counts in each of them.
        if (breakdown === 'group') expect(sum('numerator')).toBeGreaterThanOrEqual(own.numerator);
        else
          expect({ id, breakdown, numerator: sum('numerator'), registered: sum('registered') }).toEqual({
            id,
            breakdown,
            numerator: own.numerator,
            registered: own.registered,
          });
      }
  });

  it('lists the model indicators among every unit row', async () => {
    const res = await call('GET', `/api/v1/reporting/indicators?unit=${COMMUNE}&period=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.body.map((r: Row) => r.indicator)).toEqual(
      expect.arrayContaining(['m_mentor5', 'm_desk', 'm_identity16', 'm_visits', 'm_4t']),
    );
  });
});

describe('events: what happens in campaigns is published, each valid against its JSON Schema', () => {
  it('publishes campaigns created, team members added, mentees reassigned, nominations proposed and approved', async () => {
    await until('the campaigns outbox published', () => outboxEmpty(`${DB_PREFIX}_campaigns`));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const schemaOf = (topic: string) =>
      JSON.parse(
        readFileSync(
          join(__dirname, '..', '..', '..', 'libs', 'contracts', 'events', 'src', 'schemas', topic, '1.json'),
          'utf8',
        ),
      );
    const validators = new Map(RECORD_TOPICS.map((t) => [t, ajv.compile(schemaOf(t))]));
    const received = new Map<string, Record<string, unknown>[]>(RECORD_TOPICS.map((t) => [t, []]));
    const consumer = kafka.consumer({ groupId: `${GROUP_PREFIX}e2e-records` });
    await consumer.connect();
    await consumer.subscribe({
      topics: RECORD_TOPICS.map((t) => `${TOPIC_PREFIX}${t}`),
      fromBeginning: true,
    });
    const checks: { name: string; valid: boolean; type: string }[] = [];
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const name = topic.slice(TOPIC_PREFIX.length);
        const data = JSON.parse(String(message.value));
        checks.push({
          name,
          valid: validators.get(name)?.(data) === true,
          type: String(message.headers?.['ce_type']),
        });
        received.get(name)?.push(data);
      },
    });
    // Two campaigns (4T, festival), one team member, two moves of a mentee, two nominations, one approval.
    const expected: Record<string, number> = {
      'campaigns.campaign-created.v1': 2,
      'campaigns.team-member-added.v1': 1,
      'campaigns.mentee-reassigned.v1': 2,
      'campaigns.nomination-proposed.v1': 2,
      'campaigns.nomination-approved.v1': 1,
    };
    try {
      await until('every record event read', async () =>
        RECORD_TOPICS.every((t) => (received.get(t) ?? []).length >= expected[t]),
      );
    } finally {
      await consumer.disconnect();
    }
    expect(Object.fromEntries([...received].map(([t, events]) => [t, events.length]))).toEqual(expected);
    expect(checks.filter((c) => !c.valid || c.type !== c.name)).toEqual([]);
    const moves = received.get('campaigns.mentee-reassigned.v1') ?? [];
    expect(moves.map((m) => m['previousMentorId'] !== m['mentorId'])).toEqual([true, true]);
    expect(received.get('campaigns.nomination-approved.v1')?.[0]).toMatchObject({
      approvedBy: 'e2e-province-approver',
      proposedBy: 'e2e-campaigns-officer',
    });
    expect((received.get('campaigns.campaign-created.v1') ?? []).map((c) => c['model']).sort()).toEqual([
      'DIGITAL_MARKET_4T',
      'LEARNING_FESTIVAL',
    ]);
  });
});
