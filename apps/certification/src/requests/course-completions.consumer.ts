import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CourseCompletedV1, Topics } from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { RequestCertificationService } from './request-certification.service';

/** Completed courses: those of a programme VNeID confirms become requests to VNeID. */
@Controller()
export class CourseCompletionsConsumer {
  constructor(private readonly requests: RequestCertificationService) {}

  @EventPattern(Topics.courseCompleted)
  request(@Payload() events: CloudEvent<CourseCompletedV1>[], @Ctx() { tx }: InboxContext) {
    return this.requests.requestAll(
      tx,
      events.map((e) => e.data),
    );
  }
}
