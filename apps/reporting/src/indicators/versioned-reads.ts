/**
 * Answers of an expensive read, kept per key with the projection version they were computed at (a version
 * read before the computation started, so the answer holds everything up to it).
 *
 * A read at version v gets a kept answer of v or later, or shares the computation running if that one
 * started at v or later. Otherwise it waits for the running one and shares the next computation with every
 * read that arrived meanwhile: that computation starts after all of them, so it holds everything they were
 * promised. However many callers poll a key while its data keeps changing (dashboards during a backlog), the
 * key has at most one computation running and one waiting.
 */
export class VersionedReads<T> {
  private readonly kept = new Map<string, { version: bigint; value: T }>();
  private readonly running = new Map<string, { version: bigint; value: Promise<T> }>();
  private readonly waiting = new Map<string, { version: bigint; value: Promise<T> }>();

  constructor(private readonly maxEntries: number) {}

  read(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const wanted = BigInt(version);
    const kept = this.kept.get(key);
    if (kept && kept.version >= wanted) return Promise.resolve(kept.value);
    const running = this.running.get(key);
    if (!running) return this.start(key, wanted, compute);
    if (running.version >= wanted) return running.value;
    const waiting = this.waiting.get(key);
    if (waiting) {
      if (wanted > waiting.version) waiting.version = wanted;
      return waiting.value;
    }
    // Set before the running computation can settle: startWaiting reads it then.
    const start = () => this.startWaiting(key, compute);
    const next = { version: wanted, value: running.value.then(start, start) };
    this.waiting.set(key, next);
    return next.value;
  }

  private startWaiting(key: string, compute: () => Promise<T>): Promise<T> {
    const waiting = this.waiting.get(key) as { version: bigint };
    this.waiting.delete(key);
    return this.start(key, waiting.version, compute);
  }

  private start(key: string, version: bigint, compute: () => Promise<T>): Promise<T> {
    const value = compute();
    this.running.set(key, { version, value });
    value.then(
      (answer) => {
        if (this.running.get(key)?.value === value) this.running.delete(key);
        const kept = this.kept.get(key);
        if (kept && kept.version > version) return;
        this.kept.delete(key);
        this.kept.set(key, { version, value: answer });
        if (this.kept.size > this.maxEntries) this.kept.delete(this.kept.keys().next().value as string);
      },
      () => {
        if (this.running.get(key)?.value === value) this.running.delete(key);
      },
    );
    return value;
  }
}
