import type { ProblemMapping } from '@bdhvs/problem';

/** HTTP status of each certification error code: the one place they are mapped. */
export const CERTIFICATE_PROBLEMS: Record<string, ProblemMapping> = {
  'certificate-not-found': { status: 404, title: 'Certificate not found' },
};
