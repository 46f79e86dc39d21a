import { XapiBadRequestError, XapiConflictError, XapiPreconditionFailedError } from './xapi.errors';

export type DocumentKind = 'state' | 'activity-profile' | 'agent-profile';

/** A document of the state, activity profile or agent profile resource. */
export interface XapiDocument {
  content: Buffer;
  contentType: string;
  etag: string;
  updated: Date;
}

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

const isJsonType = (contentType: string) => /^application\/json\b/i.test(contentType);

function matches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t === etag || t === `W/${etag}`);
}

/**
 * Whether a write may go ahead, as xAPI 1.0.3 section 2.2 (concurrency) says: If-Match must match the
 * current ETag, If-None-Match: * only when there is no document, and a PUT to an existing profile
 * document without either header is a conflict (the client must say what it overwrites).
 */
export function checkPreconditions(
  existing: XapiDocument | null,
  pre: Preconditions,
  options: { method: 'PUT' | 'POST' | 'DELETE'; kind: DocumentKind },
): void {
  if (pre.ifMatch !== undefined && (!existing || !matches(pre.ifMatch, existing.etag)))
    throw new XapiPreconditionFailedError('If-Match');
  if (pre.ifNoneMatch !== undefined && existing && matches(pre.ifNoneMatch, existing.etag))
    throw new XapiPreconditionFailedError('If-None-Match');
  const unconditional = pre.ifMatch === undefined && pre.ifNoneMatch === undefined;
  if (options.method === 'PUT' && options.kind !== 'state' && unconditional && !existing)
    throw new XapiBadRequestError('If-Match', 'a PUT of a profile document needs If-Match or If-None-Match');
  if (options.method === 'PUT' && options.kind !== 'state' && unconditional)
    throw new XapiConflictError(
      'The document exists: send If-Match with its ETag (or If-None-Match: *) to overwrite it.',
      'If-Match',
    );
}

function jsonObject(content: Buffer, field: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.toString('utf8'));
  } catch {
    throw new XapiBadRequestError(field, 'must be JSON to be merged');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new XapiBadRequestError(field, 'must be a JSON object to be merged');
  return parsed as Record<string, unknown>;
}

/**
 * The document a POST leaves: the body when there is none yet, else the stored JSON object with the
 * body's top-level properties written over it. Both must be JSON objects (400 otherwise).
 */
export function mergeDocument(
  existing: XapiDocument | null,
  content: Buffer,
  contentType: string,
): { content: Buffer; contentType: string } {
  if (!isJsonType(contentType))
    throw new XapiBadRequestError('Content-Type', 'a POST must send application/json');
  const incoming = jsonObject(content, 'body');
  if (!existing) return { content: Buffer.from(JSON.stringify(incoming)), contentType: 'application/json' };
  if (!isJsonType(existing.contentType))
    throw new XapiBadRequestError('body', 'the stored document is not JSON and cannot be merged');
  const merged = { ...jsonObject(existing.content, 'document'), ...incoming };
  return { content: Buffer.from(JSON.stringify(merged)), contentType: 'application/json' };
}
