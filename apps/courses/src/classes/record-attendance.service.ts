import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { CourseRepository } from '../catalogue/course.repository';
import { Course } from '../catalogue/domain/course';
import { Enrolment } from '../enrolments/domain/enrolment';
import { RecordProgressService } from '../enrolments/record-progress.service';
import { RegistryRepository } from '../registry/registry.repository';
import { CommunityClass, attendanceFacts, sessionNumber, sessionStart } from './domain/community-class';
import {
  ClassNotFoundError,
  NotYourClassError,
  SessionInFutureError,
  SessionNotScheduledError,
  UnknownLearnersError,
} from './domain/class.errors';
import { attendanceRecorded } from './class.events';
import { ClassRepository } from './class.repository';

export interface AttendanceResult {
  cls: CommunityClass;
  course: Course;
  sessionDate: string;
  sessionNumber: number;
  /** Learners recorded by this call (not recorded for the session before). */
  recorded: string[];
  attendees: number;
  /** Each learner's enrolment in the class's course after the call. */
  enrolments: Enrolment[];
}

/**
 * recordAttendance: who attended one session of a class. Attending enrols the learner in the class's
 * course, and attending every session that covers a module completes that module, through the same
 * decision as MOOC progress. All of the call or none of it.
 */
@Injectable()
export class RecordAttendanceService {
  constructor(
    private readonly db: Database,
    private readonly classes: ClassRepository,
    private readonly courses: CourseRepository,
    private readonly registry: RegistryRepository,
    private readonly progress: RecordProgressService,
    private readonly outbox: Outbox,
  ) {}

  async record(
    actor: Actor,
    classId: string,
    input: { sessionDate: string; learnerIds: string[] },
    now = new Date(),
  ): Promise<AttendanceResult> {
    const cls = await this.classes.find(classId);
    if (!cls) throw new ClassNotFoundError(classId);
    await this.assertMayRecord(actor, cls);
    const number = sessionNumber(cls.schedule, input.sessionDate);
    if (number === null) throw new SessionNotScheduledError(input.sessionDate);
    const startsAt = sessionStart(cls.schedule, input.sessionDate);
    if (startsAt > now) throw new SessionInFutureError(input.sessionDate);
    const course = (await this.courses.findById(cls.courseId)) as Course;
    const learnerIds = [...new Set(input.learnerIds)];

    return this.db.transaction(async (tx) => {
      await this.registry.lockLearners(tx, learnerIds);
      const known = await this.registry.findLearners(tx, learnerIds);
      const unknown = input.learnerIds.flatMap((id, i) => (known.has(id) ? [] : [i]));
      if (unknown.length > 0) throw new UnknownLearnersError(unknown);

      const first = await this.classes.holdSession(tx, {
        classId: cls.id,
        sessionDate: input.sessionDate,
        sessionNumber: number,
        startsAt,
        firstRecordedAt: now,
      });
      const recorded = await this.classes.recordPresent(
        tx,
        learnerIds.map((learnerId) => ({
          classId: cls.id,
          sessionDate: input.sessionDate,
          learnerId,
          sessionNumber: number,
          recordedBy: actor.sub,
          recordedAt: now,
        })),
      );
      const attendees = await this.classes.attendeeCount(tx, cls.id, input.sessionDate);
      if (recorded.length > 0 || first) {
        await this.outbox.enqueue(
          tx,
          attendanceRecorded(
            cls,
            course,
            { date: input.sessionDate, number, startsAt, first },
            recorded,
            attendees,
            now,
          ),
        );
      }
      const attended = await this.classes.attendedBy(tx, cls.id, learnerIds);
      const facts = attendanceFacts(cls, { date: input.sessionDate, number }, attended, now);
      const results = await this.progress.applyAll(
        tx,
        facts.map((fact) => ({ fact, reportedBy: actor.sub })),
        now,
      );
      const enrolments = results.map((r) => {
        if ('error' in r) throw r.error;
        return r.kind === 'applied' ? [r.enrolment] : [];
      });
      return {
        cls,
        course,
        sessionDate: input.sessionDate,
        sessionNumber: number,
        recorded,
        attendees,
        enrolments: enrolments.flat(),
      };
    });
  }

  /** A province admin, an officer of the class's unit, or the mentor or teacher who teaches it. */
  private async assertMayRecord(actor: Actor, cls: CommunityClass): Promise<void> {
    if (actor.roles.includes('province-admin')) return;
    if (actor.roles.includes('mentor') && cls.teacher.sub === actor.sub) return;
    if (actor.roles.includes('unit-officer')) return assertUnitInScope(actor, cls.unitCode, this.registry);
    throw new NotYourClassError(cls.id);
  }
}
