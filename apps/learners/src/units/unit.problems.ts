import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each units error code: the one place they are mapped. */
export const UNIT_PROBLEMS: Record<string, ProblemMapping> = {
  'invalid-unit': { status: 400, title: 'Validation failed' },
  'unit-not-found': { status: 404, title: 'Unit not found' },
};
