export interface GroupCommitOptions {
  /** How long the first item of a group waits for others to join it. */
  maxWaitMs: number;
  maxItems: number;
  /** Groups being committed at once; further items gather meanwhile and go in the next group. */
  maxConcurrent: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers concurrent calls into one `applyAll` (one transaction), and answers each caller with its own
 * result once that commit is done. When a group fails, each of its items is applied alone, so a bad
 * item fails only its own call.
 */
export class GroupCommit<I, O> {
  private queue: Waiting<I, O>[] = [];
  private timer?: NodeJS.Timeout;
  private inFlight = 0;

  constructor(
    private readonly applyAll: (items: I[]) => Promise<O[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxItems) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Everything that arrives while the allowed groups commit joins the next one: the busier, the larger.
    while (this.queue.length > 0 && this.inFlight < this.options.maxConcurrent) {
      const group = this.queue.splice(0, this.options.maxItems);
      this.inFlight++;
      void this.commit(group).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.flush();
      });
    }
  }

  private async commit(group: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.applyAll(group.map((w) => w.item));
      group.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      for (const one of group) {
        await this.applyAll([one.item]).then(
          ([result]) => one.resolve(result),
          (e: unknown) => one.reject(e),
        );
      }
    }
  }
}
