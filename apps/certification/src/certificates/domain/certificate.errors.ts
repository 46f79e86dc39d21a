import { DomainError } from '@bdhvs/domain';

export class CertificateNotFoundError extends DomainError {
  constructor(certificateNo: string) {
    super('certificate-not-found', `No certificate ${certificateNo}.`);
  }
}

/** An event that cannot be applied as it stands (a date out of range, an unknown unit or programme). */
export class VneidEventRejectedError extends DomainError {
  constructor(readonly problems: { field: string; message: string }[]) {
    super('vneid-event-rejected', problems.map((p) => p.message).join('; '), { errors: problems });
  }
}

export class LearnerNotFoundError extends DomainError {
  constructor(learnerId: string) {
    super('learner-not-found', `No learner ${learnerId} in the registry.`);
  }
}

export class CertificateRevokedError extends DomainError {
  constructor(certificateNo: string) {
    super(
      'certificate-revoked',
      `Certificate ${certificateNo} is revoked; a revoked certificate is not corrected.`,
    );
  }
}

export class CertificateConflictError extends DomainError {
  constructor(existingCertificateNo: string) {
    super('certificate-conflict', 'The learner already holds a valid certificate of that programme.', {
      existingCertificateNo,
    });
  }
}

export class InvalidCorrectionError extends DomainError {
  constructor(readonly problems: { field: string; message: string }[]) {
    super('invalid-correction', problems.map((p) => p.message).join('; '), { errors: problems });
  }
}
