/**
 * What the learners service knows of one certificate of a learner, from the certification events.
 * VNeID may deliver a revocation before the certification it revokes, so either time may be missing
 * for a while; both are business times (when VNeID certified or revoked), not arrival times.
 */
export interface LearnerCertification {
  certificateNo: string;
  certificateId: string;
  learnerKey: string;
  programme: string;
  unitCode: string;
  issuedAt: Date | null;
  revokedAt: Date | null;
}

export type CertificationState = 'valid' | 'revoked' | 'not-yet-issued';

/** The state of a certificate at an instant: valid once issued on or before it, until revoked. */
export function certificationStateAt(
  certification: Pick<LearnerCertification, 'issuedAt' | 'revokedAt'>,
  at: Date,
): CertificationState {
  if (certification.revokedAt && certification.revokedAt <= at) return 'revoked';
  if (certification.issuedAt && certification.issuedAt <= at) return 'valid';
  return 'not-yet-issued';
}

export interface CertificationStatus {
  learnerKey: string;
  /** True while at least one of the learner's certificates is valid. */
  certified: boolean;
  certificates: (LearnerCertification & { state: CertificationState })[];
}

/**
 * Whether a learner is certified at `at`, from the certificates seen so far. `visibleUnits`, when
 * given, bounds a unit-scoped caller to the certificates issued in their unit and below.
 */
export function certificationStatus(
  learnerKey: string,
  certifications: readonly LearnerCertification[],
  at: Date,
  visibleUnits: ReadonlySet<string> | null = null,
): CertificationStatus {
  const certificates = certifications
    .filter((c) => c.learnerKey === learnerKey && (visibleUnits === null || visibleUnits.has(c.unitCode)))
    .map((c) => ({ ...c, state: certificationStateAt(c, at) }))
    .sort(
      (a, b) =>
        time(a.issuedAt ?? a.revokedAt) - time(b.issuedAt ?? b.revokedAt) ||
        a.certificateNo.localeCompare(b.certificateNo),
    );
  return { learnerKey, certified: certificates.some((c) => c.state === 'valid'), certificates };
}

function time(date: Date | null): number {
  return date ? date.getTime() : Number.POSITIVE_INFINITY;
}
