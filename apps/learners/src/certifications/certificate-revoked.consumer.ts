import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateRevokedV1, Topics } from '@bdhvs/events';
import { CloudEvent, EventHandler } from '@bdhvs/messaging';
import { RecordCertificationService } from './record-certification.service';

@Injectable()
export class CertificateRevokedConsumer implements EventHandler<typeof Topics.certificateRevoked> {
  readonly topic = Topics.certificateRevoked;

  constructor(private readonly certifications: RecordCertificationService) {}

  apply(tx: EntityManager, event: CloudEvent<CertificateRevokedV1>): Promise<void> {
    return this.certifications.recordRevocation(tx, event.data);
  }
}
