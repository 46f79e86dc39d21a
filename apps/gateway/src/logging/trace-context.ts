import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Version 00; all-zero ids are invalid by the W3C spec.
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

export function newTraceparent(): string {
  const ids = randomBytes(24).toString('hex');
  return `00-${ids.slice(0, 32)}-${ids.slice(32)}-01`;
}

/** The trace id of a request that went through `ensureTraceparent`. */
export function traceIdOf(req: IncomingMessage): string {
  const traceparent = req.headers.traceparent;
  return typeof traceparent === 'string' ? traceparent.slice(3, 35) : '';
}

/**
 * Keeps the caller's W3C traceparent, or starts a trace when there is none (or it is malformed), so
 * every request carries a correlation id into the service and back to the caller. The gateway
 * records no span of its own, so it forwards the header unchanged.
 */
export function ensureTraceparent(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const sent = req.headers.traceparent;
  let traceparent = typeof sent === 'string' ? sent.trim() : '';
  if (!TRACEPARENT.test(traceparent)) {
    traceparent = newTraceparent();
    // W3C Trace Context: tracestate means nothing without a valid traceparent.
    delete req.headers.tracestate;
  }
  req.headers.traceparent = traceparent;
  res.setHeader('traceparent', traceparent);
  next();
}
