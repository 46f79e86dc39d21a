import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each nomination error code: the one place they are mapped. */
export const NOMINATION_PROBLEMS: Record<string, ProblemMapping> = {
  'unknown-nominee': { status: 422, title: 'Unknown nominee' },
  'nomination-exists': { status: 409, title: 'Already nominated' },
  'nomination-not-found': { status: 404, title: 'Nomination not found' },
  'nomination-not-approvable': { status: 409, title: 'Nomination cannot be approved' },
};
