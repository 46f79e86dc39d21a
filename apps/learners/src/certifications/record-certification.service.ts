import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateIssuedV1, CertificateRevokedV1 } from '@bdhvs/events';
import { LearnerCertificationRepository } from './learner-certification.repository';

/**
 * Marks learners certified (or no longer) from the certification service's events, in the
 * transaction of the inbox that dedupes them by event id.
 */
@Injectable()
export class RecordCertificationService {
  constructor(private readonly certifications: LearnerCertificationRepository) {}

  recordIssues(tx: EntityManager, issued: CertificateIssuedV1[]): Promise<void> {
    return this.certifications.recordIssued(tx, issued);
  }

  recordRevocations(tx: EntityManager, revoked: CertificateRevokedV1[]): Promise<void> {
    return this.certifications.recordRevoked(tx, revoked);
  }
}
