import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatTraceparent, newTraceContext, parseTraceparent } from '@bdhvs/trace-context';

/** The trace id of a request that went through `ensureTraceparent`. */
export function traceIdOf(req: IncomingMessage): string {
  const traceparent = req.headers.traceparent;
  return (typeof traceparent === 'string' && parseTraceparent(traceparent)?.traceId) || '';
}

/**
 * Keeps the caller's W3C traceparent, or starts a trace when there is none (or it is malformed), so
 * every request carries a correlation id into the service and back to the caller. The gateway
 * records no span of its own, so it forwards a valid header unchanged (its sampled flag included).
 */
export function ensureTraceparent(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const sent = req.headers.traceparent;
  let traceparent = typeof sent === 'string' ? sent.trim() : '';
  if (!parseTraceparent(traceparent)) {
    traceparent = formatTraceparent(newTraceContext());
    // W3C Trace Context: tracestate means nothing without a valid traceparent.
    delete req.headers.tracestate;
  }
  req.headers.traceparent = traceparent;
  res.setHeader('traceparent', traceparent);
  next();
}
