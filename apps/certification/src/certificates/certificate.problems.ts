import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each certification error code: the one place they are mapped. */
export const CERTIFICATE_PROBLEMS: Record<string, ProblemMapping> = {
  'certificate-not-found': { status: 404, title: 'Certificate not found' },
  'learner-not-found': { status: 404, title: 'Learner not found' },
  'certificate-revoked': { status: 409, title: 'Certificate revoked' },
  'certificate-conflict': { status: 409, title: 'Certificate conflict' },
  'invalid-correction': { status: 400, title: 'Invalid correction' },
  'vneid-event-rejected': { status: 400, title: 'VNeID event refused' },
};
