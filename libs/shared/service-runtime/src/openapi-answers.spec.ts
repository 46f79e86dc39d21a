import type { OpenAPIObject } from '@nestjs/swagger';
import { withPlatformAnswers } from './openapi-answers';

const ok = { '200': { description: '' } };

function documentOf(paths: OpenAPIObject['paths']): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths, components: { schemas: {} } };
}

describe(withPlatformAnswers.name, () => {
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

  it('documents 400, 401, 404, 413 and 503 where the runtime answers them, all as problem+json', () => {
    const doc = withPlatformAnswers(
      documentOf({
        '/units': {
          post: {
            operationId: 'registerUnit',
            security: [{ bearer: [] }],
            requestBody: { content: { 'application/json': { schema: {} } } },
            responses: { ...ok, '409': { description: 'Exists' } },
          },
        },
        '/certificates/{no}/verification': {
          get: {
            operationId: 'verifyCertificate',
            parameters: [{ name: 'no', in: 'path', required: true, schema: { type: 'string' } }],
            responses: ok,
          },
        },
        '/health': { get: { operationId: 'health', responses: ok } },
      }),
    );

    const register = doc.paths['/units'].post?.responses ?? {};
    expect(Object.keys(register).sort()).toEqual(['200', '400', '401', '409', '413', '503']);
    expect(register['409']).toEqual({ description: 'Exists', content: problem });
    expect(register['400']).toMatchObject({ content: problem });
    expect(register['200']).toEqual({ description: '' });
    expect(Object.keys(doc.paths['/certificates/{no}/verification'].get?.responses ?? {}).sort()).toEqual([
      '200',
      '400',
      '404',
      '503',
    ]);
    expect(Object.keys(doc.paths['/health'].get?.responses ?? {}).sort()).toEqual(['200', '503']);
    expect(doc.components?.schemas?.['Problem']).toMatchObject({ required: ['type', 'title', 'status'] });
  });

  it('keeps what a controller wrote about an answer', () => {
    const doc = withPlatformAnswers(
      documentOf({
        '/x': {
          get: {
            operationId: 'x',
            parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
            responses: { '400': { description: 'A period that has not ended' } },
          },
        },
      }),
    );
    expect(doc.paths['/x'].get?.responses?.['400']).toEqual({
      description: 'A period that has not ended',
      content: problem,
    });
  });
});
