import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CertificateIssuedV1, CertificateRevokedV1, Topics } from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { RecordQualificationsService } from './record-qualifications.service';

@Controller()
export class CertificateEventsConsumer {
  constructor(private readonly qualifications: RecordQualificationsService) {}

  @EventPattern(Topics.certificateIssued)
  recordIssued(@Payload() events: CloudEvent<CertificateIssuedV1>[], @Ctx() { tx }: InboxContext) {
    return this.qualifications.recordIssued(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.certificateRevoked)
  recordRevoked(@Payload() events: CloudEvent<CertificateRevokedV1>[], @Ctx() { tx }: InboxContext) {
    return this.qualifications.recordRevoked(
      tx,
      events.map((e) => e.data),
    );
  }
}
