/**
 * A fixed-window counter per client: at most `limit` calls per window. Memory holds the current window's
 * clients only, so a flood of distinct addresses costs one window of entries at most.
 */
export class FixedWindowLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a call at `now`; answers how many seconds to wait when it is over the limit, else null. */
  take(client: string, now: number): number | null {
    const start = now - (now % this.windowMs);
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.counts = new Map();
    }
    const count = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, count);
    if (count <= this.limit) return null;
    return Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
  }
}

/** The caller's address: `hops` entries from the right of X-Forwarded-For, as trusted proxies append. */
export function clientAddress(forwardedFor: string | undefined, socketAddress: string, hops: number): string {
  if (hops === 0 || !forwardedFor) return socketAddress;
  const chain = forwardedFor
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return chain[Math.max(0, chain.length - hops)] ?? socketAddress;
}
