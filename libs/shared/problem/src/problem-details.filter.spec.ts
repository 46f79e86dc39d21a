import { ArgumentsHost, ForbiddenException } from '@nestjs/common';
import { DomainError } from '@bdhvs/domain';
import { ProblemDetailsFilter } from './problem-details.filter';
import { RequestValidationError } from './validation';

function run(filter: ProblemDetailsFilter, error: unknown) {
  const sent: { status?: number; type?: string; body?: Record<string, unknown> } = {};
  const response = {
    headersSent: false,
    status(s: number) {
      sent.status = s;
      return this;
    },
    type(t: string) {
      sent.type = t;
      return this;
    },
    send(b: string) {
      sent.body = JSON.parse(b);
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => response,
      getRequest: () => ({ method: 'POST', originalUrl: '/api/v1/x?y=1' }),
    }),
  } as unknown as ArgumentsHost;
  filter.catch(error, host);
  return sent;
}

describe(ProblemDetailsFilter.name, () => {
  const filter = new ProblemDetailsFilter({
    'learner-already-registered': { status: 409, title: 'Learner already registered' },
  });

  it('maps a domain error by code, with its extension members', () => {
    const sent = run(
      filter,
      new DomainError('learner-already-registered', 'A learner with this citizen ID exists.', {
        learnerId: 'L1',
      }),
    );
    expect(sent).toEqual({
      status: 409,
      type: 'application/problem+json',
      body: {
        type: '/problems/learner-already-registered',
        title: 'Learner already registered',
        status: 409,
        detail: 'A learner with this citizen ID exists.',
        learnerId: 'L1',
        instance: '/api/v1/x',
      },
    });
  });

  it('names each invalid field', () => {
    const sent = run(
      filter,
      new RequestValidationError([{ field: 'unitCode', message: 'unitCode must be a string' }]),
    );
    expect(sent.status).toBe(400);
    expect(sent.body?.['errors']).toEqual([{ field: 'unitCode', message: 'unitCode must be a string' }]);
  });

  it('names the first 100 invalid fields of a body with thousands', () => {
    const errors = Array.from({ length: 5_000 }, (_, i) => ({
      field: `rows.${i}`,
      message: 'must be a string',
    }));
    const sent = run(filter, new RequestValidationError(errors));
    expect(sent.body?.['errors']).toEqual(errors.slice(0, 100));
  });

  it('cuts a field path to 200 characters: an unknown property is named as the caller wrote it', () => {
    const sent = run(filter, new RequestValidationError([{ field: 'x'.repeat(5_000), message: 'unknown' }]));
    expect(sent.body?.['errors']).toEqual([{ field: `${'x'.repeat(199)}…`, message: 'unknown' }]);
  });

  it('keeps the status of an HTTP exception', () => {
    expect(run(filter, new ForbiddenException('Outside your unit.')).body).toMatchObject({
      status: 403,
      detail: 'Outside your unit.',
    });
  });

  it('answers 503 when the database connection went away mid-request', () => {
    const lost = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    expect(run(filter, lost).body).toMatchObject({ status: 503 });
  });

  it('hides the details of an unexpected error', () => {
    const sent = run(filter, new Error('relation "x" does not exist at SELECT ...'));
    expect(sent.body).toMatchObject({ status: 500, detail: 'An unexpected error occurred.' });
    expect(JSON.stringify(sent.body)).not.toContain('SELECT');
  });
});
