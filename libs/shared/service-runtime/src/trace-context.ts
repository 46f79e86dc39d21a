import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/** W3C Trace Context: the correlation id that travels from an HTTP request into every event it causes. */
export interface TraceContext {
  traceId: string;
  spanId: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const storage = new AsyncLocalStorage<TraceContext>();

export function parseTraceparent(value: string | undefined | null): TraceContext | undefined {
  const match = value ? TRACEPARENT.exec(value.trim()) : null;
  return match ? { traceId: match[1], spanId: match[2] } : undefined;
}

export function newTraceContext(parent?: TraceContext): TraceContext {
  return {
    traceId: parent?.traceId ?? randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
  };
}

export function formatTraceparent(ctx: TraceContext): string {
  return `00-${ctx.traceId}-${ctx.spanId}-01`;
}

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

export function runWithTrace<T>(ctx: TraceContext, fn: () => T): T {
  return storage.run(ctx, fn);
}
