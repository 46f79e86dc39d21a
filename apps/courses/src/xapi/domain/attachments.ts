import { X509Certificate, createHash, verify } from 'node:crypto';
import { type JsonObject, SIGNATURE_USAGE } from './statement';
import { XapiBadRequestError } from './xapi.errors';

export interface AttachmentPart {
  sha2: string;
  contentType: string;
  content: Buffer;
}

const HASHES: Record<number, string> = { 64: 'sha256', 96: 'sha384', 128: 'sha512', 56: 'sha224' };

/** A part's content must hash to the SHA-2 it claims (the length of the hex says which SHA-2). */
export function checkPartHash(part: AttachmentPart, field: string): void {
  const algorithm = HASHES[part.sha2.length];
  if (!algorithm || createHash(algorithm).update(part.content).digest('hex') !== part.sha2.toLowerCase())
    throw new XapiBadRequestError(field, 'the part does not hash to its X-Experience-API-Hash');
}

function attachmentsOf(s: JsonObject): JsonObject[] {
  return Array.isArray(s['attachments']) ? (s['attachments'] as JsonObject[]) : [];
}

/**
 * Every attachment without a `fileUrl` must come as a part with its hash, and every part must belong to
 * an attachment of the request (xAPI 1.0.3, 2.4.11).
 */
export function checkAttachmentParts(statements: JsonObject[], parts: Map<string, AttachmentPart>): void {
  const declared = new Set<string>();
  statements.forEach((s, i) =>
    attachmentsOf(s).forEach((a, j) => {
      const sha2 = String(a['sha2']).toLowerCase();
      declared.add(sha2);
      if (a['fileUrl'] === undefined && !parts.has(sha2))
        throw new XapiBadRequestError(
          `statements.${i}.attachments.${j}.sha2`,
          'no part carries this attachment',
        );
    }),
  );
  for (const sha2 of parts.keys())
    if (!declared.has(sha2))
      throw new XapiBadRequestError('X-Experience-API-Hash', 'a part matches no attachment');
}

const deepEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
};
export { deepEqual };

const ALGORITHMS: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

/**
 * A signed statement (xAPI 1.0.3, 2.6): its signature part is a compact JWS with RS256/384/512 whose
 * payload is the statement (the properties the LRS sets and the attachments aside), verified with the
 * key of its `x5c` certificate when it gives one.
 */
export function checkSignatures(statements: JsonObject[], parts: Map<string, AttachmentPart>): void {
  statements.forEach((s, i) => {
    attachmentsOf(s).forEach((a, j) => {
      if (a['usageType'] !== SIGNATURE_USAGE) return;
      const field = `statements.${i}.attachments.${j}`;
      if (a['contentType'] !== 'application/octet-stream')
        throw new XapiBadRequestError(`${field}.contentType`, 'a signature must be application/octet-stream');
      const part = parts.get(String(a['sha2']).toLowerCase());
      if (!part) throw new XapiBadRequestError(field, 'the signature part is missing');
      const [head, payload, signature, extra] = part.content.toString('utf8').trim().split('.');
      if (!head || !payload || signature === undefined || extra !== undefined)
        throw new XapiBadRequestError(field, 'the signature is not a compact JWS');
      let header: { alg?: string; x5c?: string[] };
      let signed: JsonObject;
      try {
        header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
        signed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw new XapiBadRequestError(field, 'the signature is not a compact JWS');
      }
      const algorithm = ALGORITHMS[header.alg ?? ''];
      if (!algorithm) throw new XapiBadRequestError(field, 'the JWS algorithm must be RS256, RS384 or RS512');
      for (const k of ['actor', 'verb', 'object', 'result', 'context', 'timestamp'])
        if (!deepEqual(signed[k], s[k]))
          throw new XapiBadRequestError(field, `the signed ${k} differs from the statement`);
      if (signed['id'] !== undefined && s['id'] !== undefined && signed['id'] !== s['id'])
        throw new XapiBadRequestError(field, 'the signed id differs from the statement');
      if (Array.isArray(header.x5c) && header.x5c.length > 0) {
        let ok = false;
        try {
          const key = new X509Certificate(Buffer.from(header.x5c[0], 'base64')).publicKey;
          ok = verify(algorithm, Buffer.from(`${head}.${payload}`), key, Buffer.from(signature, 'base64url'));
        } catch {
          ok = false;
        }
        if (!ok) throw new XapiBadRequestError(field, 'the signature does not verify');
      }
    });
  });
}
