import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { ROLES } from '@bdhvs/platform';
import { OpenApiDocument, Operation, ResponseConformance, operationsOf, requestsFor } from './openapi-fuzz';
import { Platform, infraUp, mintDevToken, sign, startPlatform } from './platform';

// Hostile and careless input through the entry point, on a platform of this file's own.
const RUN = `bad${Date.now().toString(36)}`;
const SERVICES = ['learners', 'courses', 'certification', 'campaigns', 'reporting'];
// Requests per operation: a short run in npm test, a longer one with npm run fuzz.
const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 25);
const DEEP_JSON = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);

let platform: Platform;
let gateway: string;
let secret: string;
const everyRole = () =>
  mintDevToken({
    sub: 'fuzz',
    roles: [...ROLES],
  });

interface Problem {
  status: number;
  title: string;
  errors?: { field: string; message: string }[];
}

/**
 * Who calls: mostly every role at once (so that input reaches the code behind the guards), else each role
 * alone, an officer bounded to a commune, or nobody.
 */
const callers: fc.Arbitrary<() => string | null> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(everyRole) },
  {
    weight: 8,
    arbitrary: fc.constantFrom<() => string | null>(
      ...ROLES.map((role) => () => mintDevToken({ sub: `fuzz-${role}`, roles: [role] })),
      () => mintDevToken({ sub: 'fuzz-officer-03388', roles: ['unit-officer'], unit: '03388' }),
      () => null,
    ),
  },
);

async function send(
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
  token: string | null = everyRole(),
): Promise<{ status: number; type: string; problem: Problem; text: string }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = contentType;
  if (path.startsWith('/api/v1/certification/vneid-events') && body !== undefined)
    headers['x-vneid-signature'] = sign(body, secret);
  const res = await fetch(`${gateway}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: Problem;
  try {
    parsed = JSON.parse(text) as Problem;
  } catch {
    parsed = { status: res.status, title: text.slice(0, 200) };
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', problem: parsed, text };
}

function expectProblem(
  answer: { status: number; type: string; problem: Problem },
  status: number,
  field?: string | RegExp,
) {
  expect({ status: answer.status, type: answer.type }).toEqual({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  if (field !== undefined)
    expect(answer.problem.errors?.map((e) => e.field)).toContainEqual(
      typeof field === 'string' ? field : expect.stringMatching(field),
    );
}

/** A raw HTTP/1.1 request, for what fetch refuses to send (oversized heads). */
function rawRequest(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; type: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${gateway}${path}`, { method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const village = () => ({
  code: '0338899',
  name: 'Bản thử nghiệm',
  parentCode: '03388',
  type: 'village',
});
const learner = () => ({
  citizenId: '001080012345',
  fullName: 'Người học thử nghiệm',
  dateOfBirth: '1980-01-31',
  sex: 'female',
  unitCode: '03388',
  groups: ['CITIZEN'],
});
const vneidEvent = () => ({
  eventId: randomUUID(),
  type: 'REVOKED',
  occurredAt: '2025-09-30T08:00:00Z',
  citizenId: '001080012345',
  fullName: 'Người học thử nghiệm',
  dateOfBirth: '1980-01-31',
  certificateNo: `${RUN}-1`,
  programme: 'CITIZEN_BASIC',
  unitCode: '03388',
});

beforeAll(async () => {
  infraUp();
  platform = await startPlatform({
    dbPrefix: 'bdhvs_test',
    groupPrefix: 'e2ebad-',
    topicPrefix: `${RUN}.`,
    logLevel: 'error',
    // The fuzzer calls imports and exports hundreds of times a minute: it is after the services' answers.
    env: { EXPENSIVE_RATE_LIMIT_PER_MINUTE: '1000000' },
    ports: {
      gateway: 19180,
      learners: 19101,
      courses: 19102,
      certification: 19103,
      campaigns: 19104,
      reporting: 19105,
    },
  });
  gateway = platform.urls.gateway;
  secret = platform.secrets.VNEID_HMAC_SECRET;
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

describe('an object nested 5,000 levels deep', () => {
  it.each([
    ['registerLearner', 'POST', '/api/v1/learners/learners'],
    ['correctLearner', 'PATCH', `/api/v1/learners/learners/${randomUUID()}`],
    ['registerUnit', 'POST', '/api/v1/learners/units'],
    ['renameUnit', 'PATCH', '/api/v1/learners/units/03388'],
    ['registerHousehold', 'POST', '/api/v1/learners/households'],
    ['addHouseholdMember', 'POST', `/api/v1/learners/households/${randomUUID()}/members`],
    ['receiveVneidEvent', 'POST', '/api/v1/certification/vneid-events'],
    ['setDenominators', 'PUT', '/api/v1/reporting/denominators'],
    ['setTargets', 'PUT', '/api/v1/reporting/targets'],
  ])('is a 400 naming the too-deep field in %s', async (_operation, method, path) => {
    expectProblem(await send(method, path, DEEP_JSON), 400, /^a(\.a)+$/);
  });
});

describe('a NUL character', () => {
  it('is a 400 naming reason in a correctly signed receiveVneidEvent', async () => {
    const body = JSON.stringify({ ...vneidEvent(), reason: 'sai\u0000sót' });
    expectProblem(await send('POST', '/api/v1/certification/vneid-events', body), 400, 'reason');
  });

  it.each(['/api/v1/certification/certificates/%00', '/api/v1/certification/certificates/%00/verification'])(
    'is a 400 naming the path parameter in %s',
    async (path) => {
      expectProblem(await send('GET', path), 400, 'certificateNo');
    },
  );

  it('is a 400 naming name in registerUnit and renameUnit', async () => {
    const name = 'Bản\u0000Nà';
    expectProblem(
      await send('POST', '/api/v1/learners/units', JSON.stringify({ ...village(), name })),
      400,
      'name',
    );
    expectProblem(await send('PATCH', '/api/v1/learners/units/03388', JSON.stringify({ name })), 400, 'name');
  });

  it('is a 400 naming shortName when it is only spaces, in registerUnit and renameUnit', async () => {
    const shortName = ' ';
    expectProblem(
      await send('POST', '/api/v1/learners/units', JSON.stringify({ ...village(), shortName })),
      400,
      'shortName',
    );
    expectProblem(
      await send(
        'PATCH',
        '/api/v1/learners/units/03388',
        JSON.stringify({ name: 'Phường Đoàn Kết', shortName }),
      ),
      400,
      'shortName',
    );
  });

  it('is a 400 naming fullName in registerLearner, and other control characters are refused too', async () => {
    for (const c of ['\u0000', '\u0007', '\u001b', '\u007f']) {
      const body = JSON.stringify({ ...learner(), fullName: `Lò${c}Mai` });
      expectProblem(await send('POST', '/api/v1/learners/learners', body), 400, 'fullName');
    }
  });
});

describe('null for an optional field', () => {
  it('is a 400 naming school in registerLearner', async () => {
    const body = JSON.stringify({ ...learner(), school: null });
    expectProblem(await send('POST', '/api/v1/learners/learners', body), 400, 'school');
  });
});

describe('a CSV that is not CSV', () => {
  it('is refused at once, and the learners service answers other calls meanwhile', async () => {
    const hostile = '{"a":'.repeat(36_000); // 180 KB on one line, no header
    const [imported, units] = await Promise.all([
      send('POST', '/api/v1/learners/learners/import', hostile, 'text/csv'),
      fetch(`${gateway}/api/v1/learners/units`, { headers: { authorization: `Bearer ${everyRole()}` } }),
    ]);
    expectProblem(imported, 400);
    expect(units.status).toBe(200);
  });

  const citizen = () => `001180${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const header = 'citizenId,fullName,dateOfBirth,sex,unitCode,groups';
  const row = (citizenId: string, fullName: string) =>
    `${citizenId},${fullName},1980-01-31,female,03388,CITIZEN`;

  async function importCsv(csv: string) {
    const res = await fetch(`${gateway}/api/v1/learners/learners/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${everyRole()}`, 'content-type': 'text/csv' },
      body: csv,
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
  }

  it('rejects a row with a control character, naming the field, and keeps the others', async () => {
    const answer = await importCsv(
      [header, row(citizen(), 'Lò\u0000Mai'), row(citizen(), 'Người học thử nghiệm')].join('\n'),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 1, rejected: 1, errors: [{ line: 2, field: 'fullName' }] });
  });

  it('stops at an over-long line with a 400 naming it', async () => {
    const answer = await importCsv(
      [
        header,
        row(citizen(), 'Người học thử nghiệm'),
        row(citizen(), 'x'.repeat(20_000)),
        row(citizen(), 'B'),
      ].join('\n'),
    );
    expectProblem({ ...answer, problem: answer.body as Problem }, 400);
    expect((answer.body as { detail: string; line: number }).line).toBe(3);
  });
});

describe('an over-long head', () => {
  it('is a 431 problem+json for a 20 KB header, and for a 20 KB URL', async () => {
    const header = await rawRequest('/api/v1/learners/units', { 'x-padding': 'x'.repeat(20_000) });
    expect(header).toEqual({ status: 431, type: 'application/problem+json' });
    const url = await rawRequest(`/api/v1/learners/units?parentCode=${'1'.repeat(20_000)}`, {});
    expect(url).toEqual({ status: 431, type: 'application/problem+json' });
  });
});

describe('the event loop', () => {
  it('is measured in /metrics and in readiness', async () => {
    const metrics = await (await fetch(`${platform.urls.learners}/metrics`)).text();
    expect(metrics).toMatch(/^event_loop_delay_max_seconds /m);
    expect(metrics).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
    const ready = (await (await fetch(`${platform.urls.learners}/health/ready`)).json()) as {
      details: Record<string, { status: string }>;
    };
    expect(ready.details['event-loop']).toEqual({ status: 'up' });
  });
});

describe('fuzzing driven by the OpenAPI document', () => {
  const doc = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'openapi', 'openapi.json'), 'utf8'),
  ) as OpenApiDocument;
  const operations: [string, Operation][] = operationsOf(doc).map((op) => [op.operationId, op]);

  const conformance = new ResponseConformance(doc);

  it.each(operations)(
    'never answers 5xx, and answers every caller as the document says (status, problem+json, schema): %s',
    async (_id, op) => {
      await fc.assert(
        fc.asyncProperty(requestsFor(doc, op), callers, async (request, caller) => {
          const answer = await send(request.method, request.url, request.body, request.contentType, caller());
          const said = `${request.method} ${request.url.slice(0, 200)} -> ${answer.status} ${answer.type}`;
          if (
            answer.status >= 500 ||
            (answer.status >= 400 && !answer.type.includes('application/problem+json'))
          )
            throw new Error(`${said}: ${answer.problem.title}`);
          const problem = conformance.problemWith(op, request.url, {
            status: answer.status,
            contentType: answer.type,
            body: answer.text,
          });
          if (problem) throw new Error(`${said}: ${problem}`);
        }),
        { numRuns: FUZZ_RUNS, endOnFailure: true },
      );
    },
  );

  it('leaves every service ready afterwards', async () => {
    for (const name of SERVICES) {
      const res = await fetch(`${platform.urls[name]}/health/ready`);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
    }
  });
});
