import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each catalogue error code: the one place they are mapped. */
export const COURSE_PROBLEMS: Record<string, ProblemMapping> = {
  'invalid-course': { status: 400, title: 'Validation failed' },
  'course-code-taken': { status: 409, title: 'Course code taken' },
  'activity-id-taken': { status: 409, title: 'Activity id taken' },
  'course-not-found': { status: 404, title: 'Course not found' },
  'course-not-published': { status: 409, title: 'Course not published' },
};
