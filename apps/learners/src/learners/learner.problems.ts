import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each learner registry error code: the one place they are mapped. */
export const LEARNER_PROBLEMS: Record<string, ProblemMapping> = {
  'invalid-learner': { status: 400, title: 'Validation failed' },
  'learner-already-registered': { status: 409, title: 'Learner already registered' },
  'learner-not-found': { status: 404, title: 'Learner not found' },
  'learner-awaits-completion': { status: 409, title: 'Learner awaits completion' },
  'household-not-found': { status: 404, title: 'Household not found' },
  'reveal-not-allowed': { status: 403, title: 'Personal data not revealed' },
  'access-reason-required': { status: 400, title: 'Access reason required' },
  'learner-erased': { status: 410, title: 'Personal data erased' },
  'not-your-learner': { status: 403, title: 'Not your learner' },
  'bad-import-header': { status: 400, title: 'Wrong CSV header' },
  'unsupported-import-type': { status: 415, title: 'Unsupported media type' },
  'import-too-large': { status: 413, title: 'Payload too large' },
  'import-too-many-rows': { status: 413, title: 'Too many rows' },
  'bad-csv': { status: 400, title: 'Malformed CSV' },
  'import-not-found': { status: 404, title: 'Import not found' },
  'not-your-import': { status: 403, title: 'Not your import' },
};
