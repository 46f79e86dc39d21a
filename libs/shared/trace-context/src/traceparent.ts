import { randomBytes } from 'node:crypto';

/**
 * W3C Trace Context (`traceparent`): the correlation id that travels from an HTTP request, through
 * the gateway and the service, into every event it causes. The one parser of the platform.
 */
export interface TraceContext {
  traceId: string;
  spanId: string;
}

// Version 00, lower-case hex; all-zero ids are invalid by the W3C spec.
const TRACEPARENT = /^00-(?!0{32})([0-9a-f]{32})-(?!0{16})([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The trace and parent span of a `traceparent` header, or undefined when it is absent or malformed. */
export function parseTraceparent(value: string | undefined | null): TraceContext | undefined {
  const match = value ? TRACEPARENT.exec(value.trim()) : null;
  return match ? { traceId: match[1], spanId: match[2] } : undefined;
}

/** A new span: in the parent's trace when there is one, else in a new trace. */
export function newTraceContext(parent?: TraceContext): TraceContext {
  return {
    traceId: parent?.traceId ?? randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
  };
}

/** The `traceparent` of a sampled span. */
export function formatTraceparent(ctx: TraceContext): string {
  return `00-${ctx.traceId}-${ctx.spanId}-01`;
}
