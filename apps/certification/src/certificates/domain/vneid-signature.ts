import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/** `sha256=` and 64 hex digits. */
export const VNEID_SIGNATURE_MAX_LENGTH = 'sha256='.length + 64;

export function signVneidBody(rawBody: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/**
 * `X-Vneid-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, compared in constant time. `secrets` may
 * hold two comma-separated secrets while the shared secret rotates: either is accepted, and both are
 * always compared, so the time taken does not tell which one matched.
 */
export function isValidVneidSignature(rawBody: Buffer, header: string | undefined, secrets: string): boolean {
  // Untrimmed: HTTP already strips spaces and tabs around a value, and nothing longer is a signature.
  const match = header ? HEADER.exec(header) : null;
  if (!match) return false;
  const given = Buffer.from(match[1], 'hex');
  let valid = false;
  for (const secret of secrets.split(',')) {
    const expected = createHmac('sha256', secret.trim()).update(rawBody).digest();
    valid = timingSafeEqual(given, expected) || valid;
  }
  return valid;
}
