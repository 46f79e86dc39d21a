import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { LearnerRegisteredV1, LearnerUpdatedV1, Topics, UnitRegisteredV1 } from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { RecordRegistryService } from './record-registry.service';

/** The registry's units and learners: VNeID events are checked against them, reads bounded by them. */
@Controller()
export class RegistryConsumer {
  constructor(private readonly registry: RecordRegistryService) {}

  @EventPattern(Topics.unitRegistered)
  async recordUnits(
    @Payload() events: CloudEvent<UnitRegisteredV1>[],
    @Ctx() { tx }: InboxContext,
  ): Promise<void> {
    await this.registry.recordUnits(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.learnerRegistered)
  async recordRegistered(
    @Payload() events: CloudEvent<LearnerRegisteredV1>[],
    @Ctx() { tx }: InboxContext,
  ): Promise<void> {
    await this.registry.recordLearners(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.learnerUpdated)
  async recordUpdated(
    @Payload() events: CloudEvent<LearnerUpdatedV1>[],
    @Ctx() { tx }: InboxContext,
  ): Promise<void> {
    await this.registry.recordLearners(
      tx,
      events.map((e) => e.data),
    );
  }
}
