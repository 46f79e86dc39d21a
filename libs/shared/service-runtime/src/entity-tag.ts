import { createHash } from 'node:crypto';

/** A weak entity tag for a representation that is a function of these parts (a version and a query). */
export function entityTag(parts: readonly unknown[]): string {
  return `W/"${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 27)}"`;
}

/** Whether `If-None-Match` names this tag (weak comparison, RFC 9110 13.1.2), or is `*`. */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** A read that may answer "not modified": `body` is null when the caller's copy is current. */
export interface ConditionalRead<T> {
  etag: string;
  body: T | null;
}

/** Sets `ETag`, and answers 304 without a body when the caller's copy is current. */
export function answerConditionally<T>(
  response: { setHeader(name: string, value: string): unknown; status(code: number): unknown },
  read: ConditionalRead<T>,
): T | undefined {
  response.setHeader('ETag', read.etag);
  if (read.body !== null) return read.body;
  response.status(304);
  return undefined;
}
