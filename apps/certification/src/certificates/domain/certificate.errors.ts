import { DomainError } from '@bdhvs/domain';

export class CertificateNotFoundError extends DomainError {
  constructor(certificateNo: string) {
    super('certificate-not-found', `No certificate ${certificateNo}.`);
  }
}
