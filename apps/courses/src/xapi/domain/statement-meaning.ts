import type { Course } from '../../catalogue/domain/course';
import type { ProgressFact } from '../../enrolments/domain/enrolment';
import { type JsonObject, PROGRESS_EXTENSION, VERBS, isTimestamp } from './statement';

/** A stored statement whose actor's account maps to a learner. */
export interface LinkedStatement {
  statement: JsonObject;
  learnerId: string;
  stored: Date;
}

/** The course (and module) an activity id stands for: the course's own IRI, or `<IRI>/modules/<code>`. */
export function activityTarget(
  activityId: string,
  courses: readonly Pick<Course, 'id' | 'activityId' | 'modules'>[],
): { courseId: string; moduleCode: string | null } | null {
  for (const course of courses) {
    if (!course.activityId) continue;
    if (activityId === course.activityId) return { courseId: course.id, moduleCode: null };
    const prefix = `${course.activityId}/modules/`;
    if (activityId.startsWith(prefix)) {
      const code = activityId.slice(prefix.length);
      if (course.modules.some((m) => m.code === code)) return { courseId: course.id, moduleCode: code };
    }
  }
  return null;
}

/** A score out of 100 from an xAPI score: `scaled` first, else `raw` within `min`..`max`. */
export function scoreOutOf100(result: JsonObject | undefined): number | null {
  const score = result?.['score'] as JsonObject | undefined;
  if (!score) return null;
  const round = (x: number) => Math.round(Math.min(100, Math.max(0, x)) * 100) / 100;
  if (typeof score['scaled'] === 'number') return round(score['scaled'] * 100);
  const { raw, min, max } = score as Record<string, number | undefined>;
  if (raw !== undefined && min !== undefined && max !== undefined && max > min)
    return round(((raw - min) / (max - min)) * 100);
  return null;
}

/**
 * What a statement means for a learner's enrolment, as the fact every other channel hands to
 * `decideProgress` (null when it means nothing):
 * - `completed` or `passed` on a course's activity: 100 % (which completes an ALL_REQUIRED_MODULES
 *   course), with the score if the result has one; `passed` without a score on a PASSING_SCORE course
 *   counts as the passing score (the MOOC says the learner passed);
 * - `completed` or `passed` on `<course IRI>/modules/<code>`: that module completed;
 * - `progressed` with the cmi5 progress extension (0-100): that progress.
 * Voided statements and voiding statements mean nothing here: a completion stands once recorded.
 */
export function statementFact(
  s: LinkedStatement,
  courses: readonly Pick<Course, 'id' | 'activityId' | 'modules' | 'completion'>[],
): ProgressFact | null {
  const verb = String((s.statement['verb'] as JsonObject)['id']);
  const obj = s.statement['object'] as JsonObject;
  if ((obj['objectType'] ?? 'Activity') !== 'Activity') return null;
  const target = activityTarget(String(obj['id']), courses);
  if (!target) return null;
  const course = courses.find((c) => c.id === target.courseId);
  const result = s.statement['result'] as JsonObject | undefined;
  const timestamp = s.statement['timestamp'];
  const at = isTimestamp(timestamp) ? new Date(timestamp) : s.stored;
  const base = {
    learnerId: s.learnerId,
    courseId: target.courseId,
    via: 'MOOC' as const,
    enrolOnly: false,
    at,
    atGiven: true,
    receivedAt: s.stored,
    mayWait: true,
  };
  let score = scoreOutOf100(result);
  if (verb === VERBS.completed || verb === VERBS.passed) {
    if (target.moduleCode !== null)
      return { ...base, progressPercent: null, moduleCodes: [target.moduleCode], score: null };
    if (verb === VERBS.passed && score === null && course?.completion.rule === 'PASSING_SCORE')
      score = course.completion.passingScore;
    return { ...base, progressPercent: 100, moduleCodes: [], score };
  }
  if (verb === VERBS.progressed && target.moduleCode === null) {
    const progress = (result?.['extensions'] as JsonObject | undefined)?.[PROGRESS_EXTENSION];
    if (typeof progress !== 'number' || progress < 0 || progress > 100) return null;
    return { ...base, progressPercent: Math.round(progress * 100) / 100, moduleCodes: [], score };
  }
  return null;
}
