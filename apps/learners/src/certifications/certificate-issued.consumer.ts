import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateIssuedV1, Topics } from '@bdhvs/events';
import { CloudEvent, EventHandler } from '@bdhvs/messaging';
import { RecordCertificationService } from './record-certification.service';

@Injectable()
export class CertificateIssuedConsumer implements EventHandler<typeof Topics.certificateIssued> {
  readonly topic = Topics.certificateIssued;

  constructor(private readonly certifications: RecordCertificationService) {}

  apply(tx: EntityManager, event: CloudEvent<CertificateIssuedV1>): Promise<void> {
    return this.certifications.recordIssue(tx, event.data);
  }
}
