import type { ProblemMapping } from '@bdhvs/problem';

export const SUBSCRIPTION_PROBLEMS: Record<string, ProblemMapping> = {
  'subscription-not-found': { status: 404, title: 'Report subscription not found' },
};
