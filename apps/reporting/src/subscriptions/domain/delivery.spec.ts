import { createHmac } from 'node:crypto';
import { MAX_ATTEMPTS, nextAttemptAt, signature } from './delivery';

describe('deliveries', () => {
  it('signs the exact body', () => {
    const expected = createHmac('sha256', 's3cret').update('{"a":1}').digest('hex');
    expect(signature('{"a":1}', 's3cret')).toBe(`sha256=${expected}`);
  });

  it('backs off exponentially, up to an hour, and gives up after the last attempt', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(nextAttemptAt(1, now)?.getTime()).toBe(now.getTime() + 1_000);
    expect(nextAttemptAt(4, now)?.getTime()).toBe(now.getTime() + 8_000);
    expect(nextAttemptAt(MAX_ATTEMPTS - 1, now)?.getTime()).toBe(now.getTime() + 3_600_000);
    expect(nextAttemptAt(MAX_ATTEMPTS, now)).toBeNull();
  });
});
