import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each enrolment error code: the one place they are mapped. */
export const ENROLMENT_PROBLEMS: Record<string, ProblemMapping> = {
  'learner-not-found': { status: 404, title: 'Learner not found' },
  'unknown-module': { status: 422, title: 'Unknown module' },
  'invalid-progress-time': { status: 400, title: 'Validation failed' },
  'enrolment-not-found': { status: 404, title: 'Enrolment not found' },
};
