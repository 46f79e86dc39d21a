import { createHmac } from 'node:crypto';

/**
 * The `learnerKey` of the events: the blind index of a citizen ID, HMAC-SHA256 with the key the services
 * share (PII_HASH_KEY), in hex. Every service computes it the same way, so their events join on it
 * without the ID itself ever leaving the service that received it.
 */
export function learnerKeyOf(citizenId: string, hashKey: string): string {
  return createHmac('sha256', hashKey).update(citizenId).digest('hex');
}
