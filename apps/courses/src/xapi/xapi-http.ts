import type { Request } from 'express';
import { XapiBadRequestError, XapiTooLargeError } from './domain/xapi.errors';

/** The largest request body the LRS reads (attachments included). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** An xAPI request once the alternate request syntax is undone: what every resource handler reads. */
export interface XapiRequest {
  method: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  query: Map<string, string>;
  body: Buffer;
  contentType: string;
}

/** What a handler answers: the controller writes it as it is. */
export interface XapiResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string | object;
}

/** Headers the alternate request syntax may carry as form fields. */
const FORM_HEADERS = [
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
];

async function readBody(req: Request): Promise<Buffer> {
  const parsed = (req as unknown as { rawBody?: Buffer }).rawBody;
  if (parsed) return parsed;
  if (req.readableEnded) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new XapiTooLargeError(MAX_BODY_BYTES);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseQuery(url: string): Map<string, string> {
  const query = new Map<string, string>();
  const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const [k, v] of new URLSearchParams(search)) {
    if (query.has(k)) throw new XapiBadRequestError(k, 'must be given once');
    query.set(k, v);
  }
  return query;
}

/**
 * Reads the request: its body (up to MAX_BODY_BYTES), its query, and, for the alternate request syntax
 * (`POST ?method=PUT` with a form body), the method, headers, parameters and content the form carries.
 */
export async function readXapiRequest(req: Request): Promise<XapiRequest> {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const query = parseQuery(req.originalUrl ?? req.url);
  const body = await readBody(req);
  const method = query.get('method');
  if (method === undefined)
    return {
      method: req.method.toUpperCase(),
      headers,
      query,
      body,
      contentType: headers['content-type'] ?? '',
    };
  if (req.method.toUpperCase() !== 'POST')
    throw new XapiBadRequestError('method', 'is only allowed on a POST');
  if (query.size > 1)
    throw new XapiBadRequestError(
      [...query.keys()].find((k) => k !== 'method') ?? 'method',
      'the alternate request syntax takes no other query parameter',
    );
  if (!/^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? ''))
    throw new XapiBadRequestError('Content-Type', 'the alternate request syntax needs a form body');
  const alternate = method.toUpperCase();
  if (!['GET', 'PUT', 'POST', 'DELETE', 'HEAD'].includes(alternate))
    throw new XapiBadRequestError('method', 'must be GET, PUT, POST, DELETE or HEAD');
  const form = new URLSearchParams(body.toString('utf8'));
  const params = new Map<string, string>();
  const formHeaders: Record<string, string | undefined> = { ...headers, 'content-type': undefined };
  let content = '';
  for (const [k, v] of form) {
    const lower = k.toLowerCase();
    if (FORM_HEADERS.includes(lower)) formHeaders[lower] = v;
    else if (k === 'content') content = v;
    else params.set(k, v);
  }
  const contentType = formHeaders['content-type'] ?? (content ? 'application/json' : '');
  return {
    method: alternate,
    headers: formHeaders,
    query: params,
    body: Buffer.from(content, 'utf8'),
    contentType,
  };
}

export interface MultipartPart {
  headers: Record<string, string>;
  body: Buffer;
}

/** Splits a multipart/mixed body into its parts (RFC 2046), each with lower-cased header names. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw new XapiBadRequestError('Content-Type', 'multipart/mixed needs a boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw new XapiBadRequestError('body', 'has no multipart boundary');
  for (;;) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next < 0) throw new XapiBadRequestError('body', 'multipart body is not closed');
    let part = body.subarray(afterDelimiter, next);
    part = part.subarray(part.indexOf('\n') + 1);
    if (part.subarray(part.length - 2).toString() === '\r\n') part = part.subarray(0, part.length - 2);
    else if (part.subarray(part.length - 1).toString() === '\n') part = part.subarray(0, part.length - 1);
    const crlf = part.indexOf('\r\n\r\n');
    const lf = part.indexOf('\n\n');
    const headEnd = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
    if (headEnd < 0) throw new XapiBadRequestError('body', 'a multipart part has no header');
    const headers: Record<string, string> = {};
    for (const line of part.subarray(0, headEnd).toString('utf8').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: part.subarray(headEnd + (headEnd === crlf ? 4 : 2)) });
    start = next;
  }
  return parts;
}

/** A multipart/mixed body: the first part JSON, then each attachment with its hash. */
export function buildMultipart(
  json: object,
  attachments: { sha2: string; contentType: string; content: Buffer }[],
  boundary: string,
): Buffer {
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`),
  ];
  for (const a of attachments) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Type: ${a.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${a.sha2}\r\n\r\n`,
      ),
      a.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
