import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each class error code: the one place they are mapped. */
export const CLASS_PROBLEMS: Record<string, ProblemMapping> = {
  'invalid-class': { status: 400, title: 'Validation failed' },
  'class-not-found': { status: 404, title: 'Class not found' },
  'session-not-scheduled': { status: 422, title: 'No session that day' },
  'session-in-future': { status: 400, title: 'Session not held yet' },
  'unknown-learners': { status: 422, title: 'Unknown learners' },
  'not-your-class': { status: 403, title: 'Not your class' },
};
