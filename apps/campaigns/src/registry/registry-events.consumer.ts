import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  HouseholdRegisteredV1,
  LearnerRegisteredV1,
  LearnerUpdatedV1,
  Topics,
  UnitRegisteredV1,
} from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { RecordRegistryService } from './record-registry.service';

/** The learner registry's events: the campaigns service's own view of learners and units. */
@Controller()
export class RegistryEventsConsumer {
  constructor(private readonly registry: RecordRegistryService) {}

  @EventPattern(Topics.learnerRegistered)
  recordRegistered(@Payload() events: CloudEvent<LearnerRegisteredV1>[], @Ctx() { tx }: InboxContext) {
    return this.registry.recordRegistered(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.learnerUpdated)
  recordUpdated(@Payload() events: CloudEvent<LearnerUpdatedV1>[], @Ctx() { tx }: InboxContext) {
    return this.registry.recordUpdated(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.householdRegistered)
  recordHouseholds(@Payload() events: CloudEvent<HouseholdRegisteredV1>[], @Ctx() { tx }: InboxContext) {
    return this.registry.recordHouseholds(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.unitRegistered)
  recordUnits(@Payload() events: CloudEvent<UnitRegisteredV1>[], @Ctx() { tx }: InboxContext) {
    return this.registry.recordUnits(
      tx,
      events.map((e) => e.data),
    );
  }
}
