import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each identity error code: the one place they are mapped. */
export const IDENTITY_PROBLEMS: Record<string, ProblemMapping> = {
  'invalid-identity-record': { status: 400, title: 'Validation failed' },
};
