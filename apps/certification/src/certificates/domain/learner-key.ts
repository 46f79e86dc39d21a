import { createHmac } from 'node:crypto';

/**
 * Blind index of a citizen ID: the same key in every service that shares PII_HASH_KEY, and useless
 * without it. Events and tables carry this, never the ID.
 */
export function learnerKeyOf(citizenId: string, hashKey: string): string {
  return createHmac('sha256', hashKey).update(citizenId).digest('hex');
}

/** "Nguyễn Văn An" -> "N***** V** A*": enough to recognise a certificate, not to identify a person. */
export function maskFullName(fullName: string): string {
  return fullName
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .map((word) => {
      const letters = [...word];
      return letters[0] + '*'.repeat(Math.max(1, letters.length - 1));
    })
    .join(' ');
}
