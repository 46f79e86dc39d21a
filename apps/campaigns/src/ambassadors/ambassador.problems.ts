import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each ambassador error code: the one place they are mapped. */
export const AMBASSADOR_PROBLEMS: Record<string, ProblemMapping> = {
  'mentor-not-found': { status: 404, title: 'Mentor not found' },
  'mentee-is-mentor': { status: 422, title: 'A mentor may not mentor themselves' },
  'mentee-already-assigned': { status: 409, title: 'Mentee already assigned' },
  'mentee-not-assigned': { status: 409, title: 'Mentee has no mentor yet' },
  'mentee-outside-unit': { status: 422, title: "Mentee outside the mentor's unit" },
  'not-your-mentor-record': { status: 403, title: 'Not your mentor record' },
  'mentor-outside-unit': { status: 422, title: 'Mentor outside the unit' },
};
