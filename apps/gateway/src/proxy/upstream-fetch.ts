/** A GET to a service's own endpoint (its document, its readiness), given up after `timeoutMs`. */
export function getFromUpstream(url: string, timeoutMs: number): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
}

/** A short, safe reason for a failed look-up: an error code such as ECONNREFUSED, or `timeout`. */
export function failureReason(error: unknown): string {
  // Duck-typed: fetch's errors may come from another realm (jest), where instanceof fails.
  const failure = (error ?? {}) as { name?: unknown; message?: unknown; cause?: { code?: unknown } };
  if (typeof failure.cause?.code === 'string') return failure.cause.code;
  if (failure.name === 'TimeoutError') return 'timeout';
  return typeof failure.message === 'string' ? failure.message : String(error);
}
