import type { IncomingMessage, ServerResponse } from 'node:http';
import { ensureTraceparent, traceIdOf } from './trace-context';

function through(headers: Record<string, string>) {
  const req = { headers: { ...headers } } as unknown as IncomingMessage;
  const sent: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string) => (sent[name] = value),
  } as unknown as ServerResponse;
  ensureTraceparent(req, res, () => undefined);
  return { forwarded: req.headers, answered: sent };
}

describe(ensureTraceparent.name, () => {
  const valid = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it('keeps a valid traceparent and its tracestate', () => {
    const { forwarded, answered } = through({ traceparent: valid, tracestate: 'vendor=1' });

    expect(forwarded).toEqual({ traceparent: valid, tracestate: 'vendor=1' });
    expect(answered['traceparent']).toBe(valid);
  });

  it.each([
    ['missing', {}],
    ['malformed', { traceparent: 'abc', tracestate: 'vendor=1' }],
    ['all-zero trace id', { traceparent: '00-00000000000000000000000000000000-b7ad6b7169203331-01' }],
    ['upper-case hex', { traceparent: valid.toUpperCase() }],
  ])('starts a new trace when the traceparent is %s', (_case, headers: Record<string, string>) => {
    const { forwarded, answered } = through(headers);

    expect(forwarded.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(forwarded.traceparent).not.toBe(headers['traceparent']);
    expect(forwarded).not.toHaveProperty('tracestate');
    expect(answered['traceparent']).toBe(forwarded.traceparent);
  });

  it('gives the trace id for the logs', () => {
    const { forwarded } = through({ traceparent: valid });

    expect(traceIdOf({ headers: forwarded } as IncomingMessage)).toBe('0af7651916cd43dd8448eb211c80319c');
  });
});
