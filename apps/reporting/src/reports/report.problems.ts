import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each periodic-report error code. */
export const REPORT_PROBLEMS: Record<string, ProblemMapping> = {
  'period-not-ended': { status: 409, title: 'Period not ended' },
  'already-approved': { status: 409, title: 'Report already approved' },
  'not-submitted': { status: 409, title: 'Report not submitted' },
  'wrong-level': { status: 403, title: 'Not the reporting level' },
};
