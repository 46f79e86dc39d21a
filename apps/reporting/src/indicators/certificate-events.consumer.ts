import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateIssuedV1, CertificateRevokedV1, Topics } from '@bdhvs/events';
import { CloudEvent, EventHandler } from '@bdhvs/messaging';
import { QualificationRepository } from './qualification.repository';

@Injectable()
export class CertificateIssuedConsumer implements EventHandler<typeof Topics.certificateIssued> {
  readonly topic = Topics.certificateIssued;

  constructor(private readonly qualifications: QualificationRepository) {}

  apply(tx: EntityManager, event: CloudEvent<CertificateIssuedV1>): Promise<void> {
    return this.qualifications.recordIssued(tx, event.data);
  }
}

@Injectable()
export class CertificateRevokedConsumer implements EventHandler<typeof Topics.certificateRevoked> {
  readonly topic = Topics.certificateRevoked;

  constructor(private readonly qualifications: QualificationRepository) {}

  apply(tx: EntityManager, event: CloudEvent<CertificateRevokedV1>): Promise<void> {
    return this.qualifications.recordRevoked(tx, event.data);
  }
}
