import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each campaign error code: the one place they are mapped. */
export const CAMPAIGN_PROBLEMS: Record<string, ProblemMapping> = {
  'invalid-campaign': { status: 400, title: 'Validation failed' },
  'campaign-not-found': { status: 404, title: 'Campaign not found' },
  'invalid-activity': { status: 422, title: 'Invalid activity' },
};
