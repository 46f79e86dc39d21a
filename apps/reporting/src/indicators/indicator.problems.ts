import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each reporting error code: the one place they are mapped. */
export const INDICATOR_PROBLEMS: Record<string, ProblemMapping> = {
  'unknown-unit': { status: 404, title: 'Unknown administrative unit' },
  'indicator-not-computed': { status: 422, title: 'Indicator not computed yet' },
  'breakdown-not-available': { status: 422, title: 'Breakdown not available yet' },
};
