import { AsyncLocalStorage } from 'node:async_hooks';
import type { TraceContext } from '@bdhvs/trace-context';

// The header itself is parsed and written by @bdhvs/trace-context, which the gateway shares;
// re-exported so that services and @bdhvs/messaging keep one import.
export {
  formatTraceparent,
  newTraceContext,
  parseTraceparent,
  type TraceContext,
} from '@bdhvs/trace-context';

const storage = new AsyncLocalStorage<TraceContext>();

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

export function runWithTrace<T>(ctx: TraceContext, fn: () => T): T {
  return storage.run(ctx, fn);
}
