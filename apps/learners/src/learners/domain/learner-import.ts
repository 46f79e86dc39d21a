export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

/** What importLearners answers: at once (200), or through the status resource once done (202). */
export interface ImportResult {
  accepted: number;
  rejected: number;
  errors: ImportRowError[];
  /** More rows were rejected than `errors` lists. */
  errorsTruncated?: boolean;
}

export type ImportState = 'running' | 'done' | 'failed';

/** An import answered 202, as its status resource shows it. */
export interface LearnerImport extends ImportResult {
  id: string;
  state: ImportState;
  requestedBy: string;
  /** The unit of the caller who started it; null for a province-wide caller. */
  unitCode: string | null;
  /** Why the whole import stopped (state failed): the error code, its detail and extension members. */
  failure: { code: string; detail: string; extra: Record<string, unknown> } | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** Enough to fix a file; a file that is wrong on every line does not fill the memory with reasons. */
export const MAX_REPORTED_ERRORS = 10_000;

/** Collects the rejected rows of one import: counts them all, keeps the first MAX_REPORTED_ERRORS reasons. */
export class ImportTally implements ImportResult {
  accepted = 0;
  rejected = 0;
  errors: ImportRowError[] = [];
  errorsTruncated?: boolean;

  reject(line: number, problems: readonly { field: string; message: string }[]): void {
    this.rejected++;
    for (const p of problems) {
      if (this.errors.length < MAX_REPORTED_ERRORS)
        this.errors.push({ line, field: p.field, message: p.message });
      else this.errorsTruncated = true;
    }
  }

  /** The answer: errors in line order. */
  result(): ImportResult {
    this.errors.sort((a, b) => a.line - b.line);
    return {
      accepted: this.accepted,
      rejected: this.rejected,
      errors: this.errors,
      ...(this.errorsTruncated ? { errorsTruncated: true } : {}),
    };
  }
}
