import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each team error code: the one place they are mapped. */
export const TEAM_PROBLEMS: Record<string, ProblemMapping> = {
  'team-not-found': { status: 404, title: 'Team not found' },
  'invalid-visit': { status: 422, title: 'Invalid visit' },
};
