import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each LRS error code: the statuses xAPI 1.0.3 gives. */
export const XAPI_PROBLEMS: Record<string, ProblemMapping> = {
  'xapi-bad-request': { status: 400, title: 'Bad xAPI request' },
  'xapi-conflict': { status: 409, title: 'Conflict' },
  'xapi-precondition-failed': { status: 412, title: 'Precondition failed' },
  'xapi-not-found': { status: 404, title: 'Not found' },
  'xapi-too-large': { status: 413, title: 'Request too large' },
  'xapi-unauthorized': { status: 401, title: 'Unauthorized' },
  'xapi-forbidden': { status: 403, title: 'Forbidden' },
  'lrs-credential-not-found': { status: 404, title: 'LRS credential not found' },
  'lrs-account-taken': { status: 409, title: 'LRS account taken' },
};
