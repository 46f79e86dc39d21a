import {
  CourseCompletedV1,
  EnrolmentRecordedV1,
  ProgressRecordedV1,
  TargetGroupV1,
  Topics,
} from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import type { TraceContext } from '@bdhvs/service-runtime';
import { EnrolmentChange } from './domain/enrolment';

type EnrolmentEvent = EnrolmentRecordedV1 | ProgressRecordedV1 | CourseCompletedV1;

/** The events of enrolment changes, built in one place for every channel; keyed by learner id. */
export function enrolmentEvent(change: EnrolmentChange, trace?: TraceContext): OutgoingEvent<EnrolmentEvent> {
  const { enrolment: e, course, learner } = change;
  const common = { key: e.learnerId, subject: e.id, trace };
  const identity = {
    enrolmentId: e.id,
    learnerId: e.learnerId,
    learnerKey: learner.learnerKey,
    unitCode: learner.unitCode,
    courseId: course.id,
    courseCode: course.code,
  };
  const groups = course.groups as TargetGroupV1[];
  switch (change.kind) {
    case 'enrolled':
      return {
        ...common,
        topic: Topics.enrolmentRecorded,
        time: e.enrolledAt,
        data: {
          ...identity,
          groups,
          programmes: course.programmes,
          enrolledVia: e.enrolledVia,
          enrolledAt: e.enrolledAt.toISOString(),
        },
      };
    case 'progressed':
      return {
        ...common,
        topic: Topics.progressRecorded,
        time: change.at,
        data: {
          ...identity,
          progressPercent: e.progressPercent,
          milestone: change.milestone,
          modulesCompleted: change.modulesCompleted,
          completedModules: e.completedModules,
          score: e.bestScore,
          recordedAt: change.at.toISOString(),
        },
      };
    case 'completed':
      return {
        ...common,
        topic: Topics.courseCompleted,
        time: e.completedAt ?? undefined,
        data: {
          ...identity,
          groups,
          programmes: course.programmes,
          competencies: course.competencies,
          completionRule: course.completion.rule,
          score: e.bestScore,
          completedVia: e.completedVia ?? 'MOOC',
          completedAt: (e.completedAt ?? change.enrolment.updatedAt).toISOString(),
        },
      };
  }
}
