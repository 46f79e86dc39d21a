import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CertificateIssuedV1, CertificateRevokedV1, Topics } from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { RecordCertificationService } from './record-certification.service';

@Controller()
export class CertificateEventsConsumer {
  constructor(private readonly certifications: RecordCertificationService) {}

  @EventPattern(Topics.certificateIssued)
  recordIssues(@Payload() events: CloudEvent<CertificateIssuedV1>[], @Ctx() { tx }: InboxContext) {
    return this.certifications.recordIssues(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.certificateRevoked)
  recordRevocations(@Payload() events: CloudEvent<CertificateRevokedV1>[], @Ctx() { tx }: InboxContext) {
    return this.certifications.recordRevocations(
      tx,
      events.map((e) => e.data),
    );
  }
}
