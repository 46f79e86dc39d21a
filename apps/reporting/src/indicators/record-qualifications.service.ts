import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateIssuedV1, CertificateRevokedV1 } from '@bdhvs/events';
import { QualificationRepository } from './qualification.repository';

/** Keeps the projection the indicators are computed from: a batch of certificate events at a time. */
@Injectable()
export class RecordQualificationsService {
  constructor(private readonly qualifications: QualificationRepository) {}

  recordIssued(tx: EntityManager, events: CertificateIssuedV1[]): Promise<void> {
    return this.qualifications.recordIssued(tx, events);
  }

  recordRevoked(tx: EntityManager, events: CertificateRevokedV1[]): Promise<void> {
    return this.qualifications.recordRevoked(tx, events);
  }
}
