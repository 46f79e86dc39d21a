import { MERGED_TITLE, OpenAPIObject, mergeOpenApiDocuments } from './merge-openapi';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function serviceDoc(
  service: string,
  operations: Record<string, string>,
  schemas: Record<string, unknown> = {},
  extra: Partial<OpenAPIObject> = {},
): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, operationId] of Object.entries(operations)) {
    paths[`/api/v1/${service}${path}`] = {
      get: {
        operationId,
        tags: [service],
        responses: { '200': { description: '' } },
        security: [{ bearer: [] }],
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: service, version: '1.0.0' },
    servers: [],
    tags: [{ name: service, description: '' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas,
    },
    ...extra,
  };
}

function withResponse(doc: OpenAPIObject, path: string, schema: unknown): OpenAPIObject {
  const operation = doc.paths[path]['get'] as { responses: Record<string, unknown> };
  operation.responses['200'] = { description: '', content: { 'application/json': { schema } } };
  return doc;
}

describe(mergeOpenApiDocuments.name, () => {
  it('unites the paths, tags and schemas of every service under one title and server', () => {
    const merged = mergeOpenApiDocuments({
      learners: serviceDoc(
        'learners',
        { '/learners': 'registerLearner' },
        { LearnerDto: { type: 'object' } },
      ),
      certification: serviceDoc(
        'certification',
        { '/certificates/{certificateNo}': 'getCertificate' },
        { CertificateDto: { type: 'object' } },
      ),
    });

    expect(merged.info.title).toBe(MERGED_TITLE);
    expect(merged.servers).toEqual([{ url: '/', 'x-internal': false }]);
    expect(Object.keys(merged.paths)).toEqual([
      '/api/v1/learners/learners',
      '/api/v1/certification/certificates/{certificateNo}',
    ]);
    expect(merged.tags?.map((t) => t.name)).toEqual(['learners', 'certification']);
    expect(Object.keys(merged.components?.['schemas'] ?? {})).toEqual(['CertificateDto', 'LearnerDto']);
    expect(merged.components?.['securitySchemes']).toEqual({
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: expect.stringContaining('RFC8725'),
      },
    });
    expect(merged).not.toHaveProperty('x-unavailable-services');
  });

  it('keeps one copy of a schema that two services define identically', () => {
    const problem = {
      type: 'object',
      properties: { status: { type: 'integer' }, title: { type: 'string' } },
    };
    const sameProblemOtherKeyOrder = {
      properties: { title: { type: 'string' }, status: { type: 'integer' } },
      type: 'object',
    };
    const merged = mergeOpenApiDocuments({
      learners: serviceDoc('learners', { '/a': 'a' }, { ProblemDto: problem }),
      courses: serviceDoc('courses', { '/b': 'b' }, { ProblemDto: sameProblemOtherKeyOrder }),
    });

    expect(Object.keys(merged.components?.['schemas'] ?? {})).toEqual(['ProblemDto']);
  });

  it('prefixes a schema name with the service when two services define it differently, and follows the refs', () => {
    const learners = withResponse(
      serviceDoc(
        'learners',
        { '/units': 'listUnits' },
        { UnitDto: { type: 'object', properties: { code: { type: 'string' } } } },
      ),
      '/api/v1/learners/units',
      { type: 'array', items: ref('UnitDto') },
    );
    const reporting = withResponse(
      serviceDoc(
        'reporting',
        { '/units': 'listReportingUnits' },
        {
          UnitDto: { type: 'object', properties: { unitCode: { type: 'string' } } },
          UnitPageDto: { type: 'object', properties: { items: { type: 'array', items: ref('UnitDto') } } },
        },
      ),
      '/api/v1/reporting/units',
      ref('UnitPageDto'),
    );

    const merged = mergeOpenApiDocuments({ learners, reporting });
    const schemas = merged.components?.['schemas'] ?? {};

    expect(Object.keys(merged.components?.['schemas'] ?? {})).toEqual([
      'LearnersUnitDto',
      'ReportingUnitDto',
      'UnitPageDto',
    ]);
    expect(schemas['UnitPageDto']).toEqual({
      type: 'object',
      properties: { items: { type: 'array', items: ref('ReportingUnitDto') } },
    });
    expect(merged.paths['/api/v1/learners/units']['get']).toMatchObject({
      responses: {
        '200': { content: { 'application/json': { schema: { items: ref('LearnersUnitDto') } } } },
      },
    });
    expect(merged.paths['/api/v1/reporting/units']['get']).toMatchObject({
      responses: { '200': { content: { 'application/json': { schema: ref('UnitPageDto') } } } },
    });
  });

  it('renames a schema that is identical in text but points to a renamed schema', () => {
    const page = { type: 'object', properties: { items: { type: 'array', items: ref('ItemDto') } } };
    const merged = mergeOpenApiDocuments({
      courses: serviceDoc('courses', { '/a': 'a' }, { ItemDto: { type: 'string' }, PageDto: page }),
      campaigns: serviceDoc('campaigns', { '/b': 'b' }, { ItemDto: { type: 'integer' }, PageDto: page }),
    });
    const schemas = merged.components?.['schemas'] ?? {};

    expect(Object.keys(merged.components?.['schemas'] ?? {})).toEqual([
      'CampaignsItemDto',
      'CampaignsPageDto',
      'CoursesItemDto',
      'CoursesPageDto',
    ]);
    expect(schemas['CoursesPageDto']).toMatchObject({
      properties: { items: { items: ref('CoursesItemDto') } },
    });
    expect(schemas['CampaignsPageDto']).toMatchObject({
      properties: { items: { items: ref('CampaignsItemDto') } },
    });
  });

  it('does not take a name that a service already uses when it prefixes', () => {
    const merged = mergeOpenApiDocuments({
      courses: serviceDoc(
        'courses',
        { '/a': 'a' },
        { Dto: { type: 'string' }, CoursesDto: { type: 'boolean' } },
      ),
      campaigns: serviceDoc('campaigns', { '/b': 'b' }, { Dto: { type: 'integer' } }),
    });

    expect(Object.keys(merged.components?.['schemas'] ?? {})).toEqual([
      'CampaignsDto',
      'CoursesDto',
      'CoursesDto2',
    ]);
    expect(merged.components?.['schemas']?.['CoursesDto']).toEqual({ type: 'boolean' });
  });

  it('leaves an unavailable service out and names it', () => {
    const merged = mergeOpenApiDocuments({
      learners: null,
      courses: undefined,
      certification: serviceDoc('certification', {
        '/certificates/{certificateNo}/verification': 'verifyCertificate',
      }),
    });

    expect(merged['x-unavailable-services']).toEqual(['learners', 'courses']);
    expect(Object.keys(merged.paths)).toEqual([
      '/api/v1/certification/certificates/{certificateNo}/verification',
    ]);
    expect(merged.components?.['securitySchemes']).toHaveProperty('bearer');
  });

  it('still answers with the bearer scheme when every service is down', () => {
    const merged = mergeOpenApiDocuments({ learners: null, reporting: null });

    expect(merged.paths).toEqual({});
    expect(merged['x-unavailable-services']).toEqual(['learners', 'reporting']);
    expect(merged.components?.['securitySchemes']).toEqual({
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: expect.stringContaining('RFC8725'),
      },
    });
  });

  it('moves a document-wide security requirement onto the operations that have none', () => {
    const doc = serviceDoc(
      'reporting',
      { '/indicators': 'getIndicators' },
      {},
      { security: [{ bearer: [] }] },
    );
    delete (doc.paths['/api/v1/reporting/indicators']['get'] as { security?: unknown }).security;

    const merged = mergeOpenApiDocuments({ reporting: doc });

    expect(merged.paths['/api/v1/reporting/indicators']['get']).toMatchObject({ security: [{ bearer: [] }] });
    expect(merged).not.toHaveProperty('security');
  });

  it('keeps the first of two operations on the same path and method, and names the other', () => {
    const merged = mergeOpenApiDocuments({
      learners: serviceDoc('learners', { '/x': 'first' }),
      courses: { ...serviceDoc('courses', {}), paths: serviceDoc('learners', { '/x': 'second' }).paths },
    });

    expect(merged.paths['/api/v1/learners/x']['get']).toMatchObject({ operationId: 'first' });
    expect(merged['x-duplicate-operations']).toEqual(['GET /api/v1/learners/x (courses)']);
  });

  it('does not change the documents it is given', () => {
    const reporting = serviceDoc(
      'reporting',
      { '/a': 'a' },
      { Dto: { type: 'string' }, Page: { items: ref('Dto') } },
    );
    const courses = serviceDoc('courses', { '/b': 'b' }, { Dto: { type: 'integer' } });
    const before = JSON.stringify({ reporting, courses });

    mergeOpenApiDocuments({ reporting, courses });

    expect(JSON.stringify({ reporting, courses })).toBe(before);
  });

  it("documents the gateway's rate limits and CORS on every operation: headers on each answer, and a 429", () => {
    const doc = serviceDoc('certification', { '/certificates/{no}/verification': 'verifyCertificate' });
    const operation = doc.paths['/api/v1/certification/certificates/{no}/verification']['get'] as {
      responses: Record<string, unknown>;
    };
    operation.responses['404'] = { description: 'Unknown' };
    operation.responses['429'] = { description: 'Too many checks from this client' };

    const merged = mergeOpenApiDocuments({ certification: doc });
    const { responses } = merged.paths['/api/v1/certification/certificates/{no}/verification']['get'] as {
      responses: Record<
        string,
        { description: string; headers?: Record<string, unknown>; content?: unknown }
      >;
    };

    const rateLimitHeaders = {
      RateLimit: { $ref: '#/components/headers/RateLimit' },
      'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
      'Access-Control-Allow-Origin': { $ref: '#/components/headers/Access-Control-Allow-Origin' },
    };
    expect(responses['200'].headers).toEqual(rateLimitHeaders);
    expect(merged.components?.['responses']).toBeUndefined();
    expect(responses['404'].headers).toEqual(rateLimitHeaders);
    expect(responses['429']).toMatchObject({
      description: 'Too many checks from this client',
      headers: { ...rateLimitHeaders, 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
      content: { 'application/problem+json': { schema: ref('Problem') } },
    });
    expect(Object.keys(merged.components?.['headers'] ?? {})).toEqual([
      'Access-Control-Allow-Origin',
      'RateLimit',
      'RateLimit-Policy',
      'Retry-After',
    ]);
  });
});
