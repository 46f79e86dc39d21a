import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateIssuedV1, CertificateRevokedV1 } from '@bdhvs/events';
import { ProjectionVersion } from '../registry/projection-version';
import { LearnerFactRepository } from '../registry/learner-fact.repository';
import { QualificationRepository } from './qualification.repository';

/** Keeps the projection the indicators are computed from: a batch of certificate events at a time. */
@Injectable()
export class RecordQualificationsService {
  constructor(
    private readonly qualifications: QualificationRepository,
    private readonly version: ProjectionVersion,
    private readonly facts: LearnerFactRepository,
  ) {}

  async recordIssued(tx: EntityManager, events: CertificateIssuedV1[]): Promise<void> {
    const keys = events.map((e) => e.learnerKey);
    await this.facts.lock(tx, keys);
    await this.qualifications.recordIssued(tx, events);
    await this.facts.refresh(tx, keys);
    await this.version.bump(tx, changedBy(events));
  }

  async recordRevoked(tx: EntityManager, events: CertificateRevokedV1[]): Promise<void> {
    const keys = events.map((e) => e.learnerKey);
    await this.facts.lock(tx, keys);
    await this.qualifications.recordRevoked(tx, events);
    await this.facts.refresh(tx, keys);
    await this.version.bump(tx, changedBy(events));
  }
}

function changedBy(events: { unitCode: string; learnerKey: string }[]) {
  return { units: events.map((e) => e.unitCode), learnerKeys: events.map((e) => e.learnerKey) };
}
