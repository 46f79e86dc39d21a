import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateIssuedV1, CertificateRevokedV1 } from '@bdhvs/events';
import { ProjectionVersion } from '../registry/projection-version';
import { QualificationRepository } from './qualification.repository';

/** Keeps the projection the indicators are computed from: a batch of certificate events at a time. */
@Injectable()
export class RecordQualificationsService {
  constructor(
    private readonly qualifications: QualificationRepository,
    private readonly version: ProjectionVersion,
  ) {}

  async recordIssued(tx: EntityManager, events: CertificateIssuedV1[]): Promise<void> {
    await this.qualifications.recordIssued(tx, events);
    await this.version.bump(tx);
  }

  async recordRevoked(tx: EntityManager, events: CertificateRevokedV1[]): Promise<void> {
    await this.qualifications.recordRevoked(tx, events);
    await this.version.bump(tx);
  }
}
