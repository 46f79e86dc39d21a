/** Signed deliveries of report events to the district systems that subscribed. Framework-free. */
import { createHmac } from 'node:crypto';

/** About nine hours of trying: a district system down overnight still gets its deliveries. */
export const MAX_ATTEMPTS = 20;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60 * 60 * 1_000;

/** The `X-Bdhvs-Signature` header: HMAC-SHA256 of the exact body with the subscription's secret. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** When to try again after `attempts` failed tries, or null to give up. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempts - 1));
  return new Date(now.getTime() + delay);
}

/** The longest `lastError` a delivery keeps: `answered <status>`, or what fetch threw (it may quote the URL). */
export const LAST_ERROR_LENGTH = 2100;
