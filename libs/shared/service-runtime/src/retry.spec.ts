import { backoffDelay, retryWithBackoff } from './retry';

describe(retryWithBackoff.name, () => {
  it('retries with growing delays until the attempt succeeds', async () => {
    const delays: number[] = [];
    const result = await retryWithBackoff(
      async (n) => {
        if (n < 2) throw new Error(`attempt ${n}`);
        return 'done';
      },
      { retries: 5, baseMs: 1, onRetry: (_e, delay) => delays.push(delay) },
    );
    expect(result).toBe('done');
    expect(delays).toEqual([1, 2]);
  });

  it('gives up after the retries, or at once for an error it must not retry', async () => {
    let attempts = 0;
    await expect(
      retryWithBackoff(
        async () => {
          attempts++;
          throw new Error('always');
        },
        { retries: 2, baseMs: 1 },
      ),
    ).rejects.toThrow('always');
    expect(attempts).toBe(3);
    attempts = 0;
    await expect(
      retryWithBackoff(
        async () => {
          attempts++;
          throw new TypeError('fatal');
        },
        { retries: 5, baseMs: 1, retryIf: (e) => !(e instanceof TypeError) },
      ),
    ).rejects.toThrow('fatal');
    expect(attempts).toBe(1);
  });

  it('stops when told to', async () => {
    let stopped = false;
    await expect(
      retryWithBackoff(
        async () => {
          stopped = true;
          throw new Error('down');
        },
        { retries: Infinity, baseMs: 1, stopped: () => stopped },
      ),
    ).rejects.toThrow('down');
  });

  it('caps the delay', () => expect(backoffDelay(20, 500, 30_000)).toBe(30_000));
});
