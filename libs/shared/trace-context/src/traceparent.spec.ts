import { formatTraceparent, newTraceContext, parseTraceparent } from './traceparent';

describe(parseTraceparent.name, () => {
  const valid = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it('reads the trace and parent span of a valid header, surrounding spaces ignored', () => {
    expect(parseTraceparent(` ${valid} `)).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
    });
    expect(parseTraceparent(valid.replace(/-01$/, '-00'))).toBeDefined();
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['malformed', 'garbage'],
    ['another version', valid.replace(/^00/, '01')],
    ['upper-case hex', valid.toUpperCase()],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-b7ad6b7169203331-01`],
    ['an all-zero span id', `00-0af7651916cd43dd8448eb211c80319c-${'0'.repeat(16)}-01`],
    ['a trailing field', `${valid}-extra`],
  ])('refuses a header that is %s', (_case, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });
});

describe(newTraceContext.name, () => {
  it('keeps the parent trace with a new span, and round-trips through the header', () => {
    const parent = parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    const child = newTraceContext(parent);

    expect(child.traceId).toBe(parent?.traceId);
    expect(child.spanId).not.toBe(parent?.spanId);
    expect(parseTraceparent(formatTraceparent(child))).toEqual(child);
  });

  it('starts a new trace without a parent', () => {
    expect(formatTraceparent(newTraceContext())).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('never repeats an id across the blocks of random bytes it cuts them from', () => {
    const spans = Array.from({ length: 2_000 }, () => newTraceContext());
    const ids = spans.flatMap((s) => [s.traceId, s.spanId]);

    expect(new Set(ids).size).toBe(ids.length);
    for (const span of spans) expect(parseTraceparent(formatTraceparent(span))).toEqual(span);
  });
});
