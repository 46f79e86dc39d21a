import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each review-queue error code. */
export const REVIEW_PROBLEMS: Record<string, ProblemMapping> = {
  'review-item-not-found': { status: 404, title: 'Review item not found' },
  'review-item-still-refused': { status: 409, title: 'Still refused' },
  'review-item-reprocessed': { status: 409, title: 'Review item reprocessed' },
};
