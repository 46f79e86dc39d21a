import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { LearnerSeenV1, Topics } from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { RegisterSeenLearnersService } from './register-seen-learners.service';

/** Citizens VNeID certified and the registry did not know, handed over by certification. */
@Controller()
export class LearnerSeenConsumer {
  constructor(private readonly seenLearners: RegisterSeenLearnersService) {}

  @EventPattern(Topics.learnerSeen)
  register(@Payload() events: CloudEvent<LearnerSeenV1>[], @Ctx() { tx }: InboxContext) {
    return this.seenLearners.registerAll(
      tx,
      events.map((e) => e.data),
    );
  }
}
