import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each reporting error code: the one place they are mapped. */
export const INDICATOR_PROBLEMS: Record<string, ProblemMapping> = {
  'invalid-indicator-query': { status: 400, title: 'The request has invalid fields.' },
  'cursor-too-old': { status: 410, title: 'Cursor too old' },
};
