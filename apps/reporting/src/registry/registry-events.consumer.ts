import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  HouseholdMemberAddedV1,
  HouseholdRegisteredV1,
  LearnerRegisteredV1,
  LearnerUpdatedV1,
  Topics,
} from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { RecordRegistryService } from './record-registry.service';

/** The learner registry's events: reporting's own view of learners and households. */
@Controller()
export class RegistryEventsConsumer {
  constructor(private readonly registry: RecordRegistryService) {}

  @EventPattern(Topics.learnerRegistered)
  recordRegistered(@Payload() events: CloudEvent<LearnerRegisteredV1>[], @Ctx() { tx }: InboxContext) {
    return this.registry.recordRegistered(tx, events);
  }

  @EventPattern(Topics.learnerUpdated)
  recordUpdated(@Payload() events: CloudEvent<LearnerUpdatedV1>[], @Ctx() { tx }: InboxContext) {
    return this.registry.recordUpdated(tx, events);
  }

  @EventPattern(Topics.householdRegistered)
  recordHouseholds(@Payload() events: CloudEvent<HouseholdRegisteredV1>[], @Ctx() { tx }: InboxContext) {
    return this.registry.recordHouseholds(tx, events);
  }

  @EventPattern(Topics.householdMemberAdded)
  recordMembers(@Payload() events: CloudEvent<HouseholdMemberAddedV1>[], @Ctx() { tx }: InboxContext) {
    return this.registry.recordMembers(
      tx,
      events.map((e) => e.data),
    );
  }
}
