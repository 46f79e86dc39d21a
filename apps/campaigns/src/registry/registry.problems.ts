import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each registry error code: the one place they are mapped. */
export const REGISTRY_PROBLEMS: Record<string, ProblemMapping> = {
  'unknown-learner': { status: 422, title: 'Unknown learner' },
  'not-a-commune': { status: 400, title: 'Validation failed' },
  'outside-caller-unit': { status: 403, title: 'Outside your unit' },
};
