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

// Ids are cut from a block of random bytes drawn once per 256 spans: a draw per id cost a tenth of a
// bulk import's CPU (one span per event). Still the kernel's CSPRNG, as randomBytes is.
const RANDOM_BLOCK = 24 * 256;
let block = Buffer.alloc(0);
let used = 0;

function randomNonZeroHex(bytes: number): string {
  for (;;) {
    if (used + bytes > block.length) {
      block = randomBytes(RANDOM_BLOCK);
      used = 0;
    }
    const start = used;
    used += bytes;
    // All-zero ids are invalid (W3C); a chance of 2^-64 at worst, but never send one.
    for (let i = start; i < used; i++) if (block[i] !== 0) return block.toString('hex', start, used);
  }
}

/** A new span: in the parent's trace when there is one, else in a new trace. */
export function newTraceContext(parent?: TraceContext): TraceContext {
  return {
    traceId: parent?.traceId ?? randomNonZeroHex(16),
    spanId: randomNonZeroHex(8),
  };
}

/** The `traceparent` of a sampled span. */
export function formatTraceparent(ctx: TraceContext): string {
  return `00-${ctx.traceId}-${ctx.spanId}-01`;
}
