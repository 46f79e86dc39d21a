/** A certificate of digital skills confirmed on VNeID: one per learner and programme while it stands. */
export interface Certificate {
  id: string;
  certificateNo: string;
  learnerKey: string;
  maskedName: string;
  programme: string;
  unitCode: string;
  dateOfBirth: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revocationReason: string | null;
}

export type CertificateStatus = 'valid' | 'revoked';

export function statusOf(certificate: Pick<Certificate, 'revokedAt'>): CertificateStatus {
  return certificate.revokedAt ? 'revoked' : 'valid';
}

/** What a VNeID event does, decided from what is already known. */
export type VneidDecision =
  | { kind: 'issue' }
  | { kind: 'already-issued'; certificateId: string }
  | { kind: 'duplicate-certificate'; existingCertificateNo: string }
  | { kind: 'revoke'; certificate: Certificate }
  | { kind: 'already-revoked' }
  | { kind: 'revocation-pending' };

export function decideCertified(
  sameNumber: Certificate | null,
  activeForProgramme: Certificate | null,
): VneidDecision {
  if (sameNumber) return { kind: 'already-issued', certificateId: sameNumber.id };
  // A second certificate for the same learner and programme never counts twice.
  if (activeForProgramme)
    return { kind: 'duplicate-certificate', existingCertificateNo: activeForProgramme.certificateNo };
  return { kind: 'issue' };
}

export function decideRevoked(target: Certificate | null): VneidDecision {
  // VNeID may deliver a revocation before the certification it revokes; it is kept until then.
  if (!target) return { kind: 'revocation-pending' };
  if (target.revokedAt) return { kind: 'already-revoked' };
  return { kind: 'revoke', certificate: target };
}
