import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Topics, VneidCertificationEventV1 } from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { parseTraceparent } from '@bdhvs/service-runtime';
import { ReceiveVneidEventService } from './receive-vneid-event.service';

/** The same VNeID events, arriving on Kafka instead of the webhook, with the same effect. */
@Controller()
export class VneidEventsConsumer {
  constructor(private readonly receiveVneid: ReceiveVneidEventService) {}

  @EventPattern(Topics.vneidCertificationEvents)
  async receive(
    @Payload() events: CloudEvent<VneidCertificationEventV1>[],
    @Ctx() { tx }: InboxContext,
  ): Promise<void> {
    await this.receiveVneid.receiveFromTopic(
      tx,
      events.map((e) => ({ event: e.data, trace: parseTraceparent(e.traceparent) })),
    );
  }
}
