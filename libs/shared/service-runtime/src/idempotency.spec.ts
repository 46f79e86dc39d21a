import { canonicalJson, requestHash } from './idempotency';

describe('requestHash', () => {
  it('is the same for bodies that differ only in key order or absent fields', () => {
    expect(requestHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      requestHash({ b: { d: 'x', c: [1, 2] }, a: 1, e: undefined }),
    );
    expect(canonicalJson({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
  });

  it('differs for another body', () => {
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });
});
