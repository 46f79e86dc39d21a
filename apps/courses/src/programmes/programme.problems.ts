import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each programme error code: the one place they are mapped. */
export const PROGRAMME_PROBLEMS: Record<string, ProblemMapping> = {
  'programme-not-found': { status: 404, title: 'Programme not found' },
  'invalid-programme': { status: 400, title: 'Validation failed' },
  'programme-version-conflict': { status: 409, title: 'Programme edited meanwhile' },
};
