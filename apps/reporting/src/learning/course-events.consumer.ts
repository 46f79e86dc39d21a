import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AttendanceRecordedV1, CourseCompletedV1, Topics } from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { RecordLearningService } from './record-learning.service';

/** The courses service's completions and class sessions. */
@Controller()
export class CourseEventsConsumer {
  constructor(private readonly learning: RecordLearningService) {}

  @EventPattern(Topics.courseCompleted)
  recordCompletions(@Payload() events: CloudEvent<CourseCompletedV1>[], @Ctx() { tx }: InboxContext) {
    return this.learning.recordCompletions(tx, events);
  }

  @EventPattern(Topics.attendanceRecorded)
  recordAttendance(@Payload() events: CloudEvent<AttendanceRecordedV1>[], @Ctx() { tx }: InboxContext) {
    return this.learning.recordAttendance(
      tx,
      events.map((e) => e.data),
    );
  }
}
