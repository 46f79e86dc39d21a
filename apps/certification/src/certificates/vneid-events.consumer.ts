import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Topics, VneidCertificationEventV1 } from '@bdhvs/events';
import { CloudEvent, EventHandler } from '@bdhvs/messaging';
import { ReceiveVneidEventService } from './receive-vneid-event.service';

/** The same VNeID events, arriving on Kafka instead of the webhook, with the same effect. */
@Injectable()
export class VneidEventsConsumer implements EventHandler<typeof Topics.vneidCertificationEvents> {
  readonly topic = Topics.vneidCertificationEvents;

  constructor(private readonly receiveVneid: ReceiveVneidEventService) {}

  async apply(tx: EntityManager, event: CloudEvent<VneidCertificationEventV1>): Promise<void> {
    await this.receiveVneid.receiveIn(tx, event.data);
  }
}
