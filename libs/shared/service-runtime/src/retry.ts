export interface RetryOptions {
  /** Attempts after the first; Infinity retries until `stopped()` says so. */
  retries: number;
  baseMs: number;
  maxMs?: number;
  /** Errors for which another attempt can help (default: all). */
  retryIf?: (error: Error) => boolean;
  /** Checked before each retry: true gives up with the last error. */
  stopped?: () => boolean;
  onRetry?: (error: Error, delayMs: number, attempt: number) => void;
}

/** The one retry loop of the platform: exponential backoff from `baseMs`, capped at `maxMs`. */
export async function retryWithBackoff<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (n >= options.retries || options.stopped?.() || !(options.retryIf?.(error) ?? true)) throw error;
      const delay = backoffDelay(n, options.baseMs, options.maxMs);
      options.onRetry?.(error, delay, n + 1);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export function backoffDelay(attempt: number, baseMs: number, maxMs = 30_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
}
