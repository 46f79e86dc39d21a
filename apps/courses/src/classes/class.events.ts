import { AttendanceRecordedV1, ClassCreatedV1, Topics } from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import type { Course } from '../catalogue/domain/course';
import { CommunityClass, isoWeek } from './domain/community-class';

/** class-created: keyed by class id, with what reporting needs to count classes per commune. */
export function classCreated(
  cls: CommunityClass,
  course: Pick<Course, 'code'>,
): OutgoingEvent<ClassCreatedV1> {
  return {
    topic: Topics.classCreated,
    key: cls.id,
    subject: cls.id,
    time: cls.createdAt,
    data: {
      classId: cls.id,
      courseId: cls.courseId,
      courseCode: course.code,
      unitCode: cls.unitCode,
      audience: cls.audience,
      teacherRole: cls.teacher.role,
      schedule: cls.schedule,
      createdAt: cls.createdAt.toISOString(),
    },
  };
}

/** attendance-recorded: one per call that records someone; the first of a session says so (m_classes_week). */
export function attendanceRecorded(
  cls: CommunityClass,
  course: Pick<Course, 'code'>,
  session: { date: string; number: number; startsAt: Date; first: boolean },
  learnerIds: string[],
  attendees: number,
  now: Date,
): OutgoingEvent<AttendanceRecordedV1> {
  return {
    topic: Topics.attendanceRecorded,
    key: cls.id,
    subject: cls.id,
    time: session.startsAt,
    data: {
      classId: cls.id,
      courseId: cls.courseId,
      courseCode: course.code,
      unitCode: cls.unitCode,
      audience: cls.audience,
      sessionDate: session.date,
      sessionNumber: session.number,
      sessionStartsAt: session.startsAt.toISOString(),
      week: isoWeek(session.date),
      firstRecordingOfSession: session.first,
      learnerIds,
      attendees,
      recordedAt: now.toISOString(),
    },
  };
}
