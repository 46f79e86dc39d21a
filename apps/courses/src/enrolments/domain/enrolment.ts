import type { DomainError } from '@bdhvs/domain';
import type { Course } from '../../catalogue/domain/course';
import { CourseNotFoundError, CourseNotPublishedError } from '../../catalogue/domain/course.errors';
import type { CourseLearner } from '../../registry/domain/course-learner';
import { LearnerNotFoundError, ProgressTimeError, UnknownModuleError } from './enrolment.errors';

export type EnrolledVia = 'MOOC' | 'OFFICER' | 'CLASS';
export type CompletedVia = 'MOOC' | 'CLASS';

/** Progress milestones published once each (`courses.progress-recorded.v1`). */
export const MILESTONES = [25, 50, 75, 100] as const;
/** The movement began on 1 January 2025 (Vietnam time): nothing is completed before it. */
export const MOVEMENT_START = new Date('2025-01-01T00:00:00+07:00');
/** A business time this far ahead of our clock is still taken as "now" (the caller's clock drifts). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** A learner in a course: one per learner and course, whatever channel brought them. */
export interface Enrolment {
  id: string;
  learnerId: string;
  courseId: string;
  enrolledVia: EnrolledVia;
  enrolledAt: Date;
  /** Never goes down: the highest figure reported, or the share of modules completed if higher. */
  progressPercent: number;
  completedModules: string[];
  bestScore: number | null;
  /** The highest milestone already published (0 for none). */
  milestone: number;
  completedAt: Date | null;
  completedVia: CompletedVia | null;
  updatedAt: Date;
}

export type EnrolmentStatus = 'ENROLLED' | 'IN_PROGRESS' | 'COMPLETED';

export function statusOf(
  e: Pick<Enrolment, 'completedAt' | 'progressPercent' | 'completedModules'>,
): EnrolmentStatus {
  if (e.completedAt) return 'COMPLETED';
  return e.progressPercent > 0 || e.completedModules.length > 0 ? 'IN_PROGRESS' : 'ENROLLED';
}

/**
 * One thing that happened to a learner in a course, whichever channel brought it: an enrolment, a MOOC
 * progress report, or the modules a class attendance completed.
 */
export interface ProgressFact {
  learnerId: string;
  courseId: string;
  via: EnrolledVia;
  /** enrollLearner: enrol, nothing more. */
  enrolOnly: boolean;
  progressPercent: number | null;
  moduleCodes: string[];
  score: number | null;
  /** Business time: the report's completedAt, the session's start, else when it was received. */
  at: Date;
  /** Whether the caller named `at` (completedAt) itself: then it is checked. */
  atGiven: boolean;
  receivedAt: Date;
  /** For a learner not known yet: keep the fact until their registration arrives, or refuse it. */
  mayWait: boolean;
}

/** What a batch of facts is decided on, loaded in one go. */
export interface KnownState {
  courses: ReadonlyMap<string, Course>;
  learners: ReadonlyMap<string, CourseLearner>;
  enrolments: readonly Enrolment[];
}

export type FactOutcome =
  | { kind: 'applied'; enrolment: Enrolment; created: boolean }
  | { kind: 'pending' }
  | { kind: 'rejected'; error: DomainError };

interface ChangeContext {
  /** Index of the fact that caused the change. */
  fact: number;
  enrolment: Enrolment;
  course: Course;
  learner: CourseLearner;
}

/** What to publish, in the order it happened: one learner's events keep their order. */
export type EnrolmentChange =
  | ({ kind: 'enrolled' } & ChangeContext)
  | ({ kind: 'progressed'; milestone: number | null; modulesCompleted: string[]; at: Date } & ChangeContext)
  | ({ kind: 'completed' } & ChangeContext);

export interface ProgressPlan {
  /** One per fact, in the order given; `applied` carries the enrolment as that fact left it. */
  outcomes: FactOutcome[];
  /** Enrolments created or changed by the batch, in their final state. */
  changed: Enrolment[];
  /** Facts about learners not known yet, kept until they are. */
  waiting: ProgressFact[];
  changes: EnrolmentChange[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Whether the course's completion rule is met. A MOOC's 100 % stands for every module of the course. */
export function meetsCompletionRule(course: Pick<Course, 'modules' | 'completion'>, e: Enrolment): boolean {
  if (course.completion.rule === 'PASSING_SCORE')
    return (
      e.bestScore !== null &&
      course.completion.passingScore !== null &&
      e.bestScore >= course.completion.passingScore
    );
  return (
    e.progressPercent >= 100 ||
    course.modules.filter((m) => m.required).every((m) => e.completedModules.includes(m.code))
  );
}

/** Why a fact cannot be applied to this course at all, whoever the learner is. */
export function factProblem(
  fact: Pick<ProgressFact, 'courseId' | 'moduleCodes' | 'at' | 'atGiven'>,
  course: Course | undefined,
  now: Date,
): DomainError | null {
  if (!course) return new CourseNotFoundError(fact.courseId);
  if (course.status !== 'PUBLISHED') return new CourseNotPublishedError(fact.courseId);
  const unknown = fact.moduleCodes.find((code) => !course.modules.some((m) => m.code === code));
  if (unknown !== undefined) return new UnknownModuleError(course.code, unknown);
  if (fact.atGiven && fact.at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    return new ProgressTimeError('completedAt must not be in the future');
  if (fact.atGiven && fact.at < MOVEMENT_START)
    return new ProgressTimeError(
      'completedAt must not be before the movement began (2025-01-01, Vietnam time)',
    );
  return null;
}

/**
 * Decides a batch of facts in order, as if each were applied alone after the ones before it: the one
 * rule for enrolments, MOOC reports, pending reports and class attendance. Progress never goes down, a
 * late lower figure changes nothing, modules and the best score only add up, and the course is
 * completed once: the first time its rule is met. `newId` gives ids of new enrolments.
 */
export function decideProgress(
  facts: readonly ProgressFact[],
  known: KnownState,
  newId: () => string,
  now: Date,
): ProgressPlan {
  const key = (learnerId: string, courseId: string) => `${learnerId}|${courseId}`;
  const enrolments = new Map(known.enrolments.map((e) => [key(e.learnerId, e.courseId), { ...e }]));
  const changed = new Map<string, Enrolment>();
  const plan: ProgressPlan = { outcomes: [], changed: [], waiting: [], changes: [] };

  facts.forEach((fact, index) => {
    const course = known.courses.get(fact.courseId);
    const problem = factProblem(fact, course, now);
    if (problem || !course) {
      plan.outcomes.push({ kind: 'rejected', error: problem ?? new CourseNotFoundError(fact.courseId) });
      return;
    }
    const learner = known.learners.get(fact.learnerId);
    if (!learner) {
      if (fact.mayWait) {
        plan.waiting.push(fact);
        plan.outcomes.push({ kind: 'pending' });
      } else plan.outcomes.push({ kind: 'rejected', error: new LearnerNotFoundError(fact.learnerId) });
      return;
    }
    const k = key(fact.learnerId, fact.courseId);
    let enrolment = enrolments.get(k);
    const created = !enrolment;
    if (!enrolment) {
      enrolment = {
        id: newId(),
        learnerId: fact.learnerId,
        courseId: fact.courseId,
        enrolledVia: fact.via,
        enrolledAt: fact.receivedAt,
        progressPercent: 0,
        completedModules: [],
        bestScore: null,
        milestone: 0,
        completedAt: null,
        completedVia: null,
        updatedAt: now,
      };
      enrolments.set(k, enrolment);
      changed.set(k, enrolment);
      plan.changes.push({ kind: 'enrolled', fact: index, enrolment: { ...enrolment }, course, learner });
    }
    if (!fact.enrolOnly && apply(enrolment, fact, { fact: index, course, learner }, plan.changes, now))
      changed.set(k, enrolment);
    plan.outcomes.push({ kind: 'applied', enrolment: { ...enrolment }, created });
  });
  plan.changed = [...changed.values()];
  return plan;
}

/** Applies one fact to its enrolment in place; true when anything changed. */
function apply(
  e: Enrolment,
  fact: ProgressFact,
  context: Omit<ChangeContext, 'enrolment'>,
  changes: EnrolmentChange[],
  now: Date,
): boolean {
  const { course } = context;
  const modulesCompleted = [...new Set(fact.moduleCodes)].filter(
    (code) => !e.completedModules.includes(code),
  );
  const moduleShare = round2(
    ((e.completedModules.length + modulesCompleted.length) / course.modules.length) * 100,
  );
  const progress = Math.max(e.progressPercent, fact.progressPercent ?? 0, moduleShare);
  const score = fact.score === null ? e.bestScore : Math.max(e.bestScore ?? 0, fact.score);
  if (progress === e.progressPercent && modulesCompleted.length === 0 && score === e.bestScore) return false;

  e.progressPercent = progress;
  // Kept in the course's module order, whatever order they were completed in.
  e.completedModules = course.modules
    .map((m) => m.code)
    .filter((code) => e.completedModules.includes(code) || modulesCompleted.includes(code));
  e.bestScore = score;
  e.updatedAt = now;
  const passed = MILESTONES.filter((m) => m <= progress && m > e.milestone);
  const milestone = passed.length > 0 ? passed[passed.length - 1] : null;
  if (milestone !== null) e.milestone = milestone;
  if (milestone !== null || modulesCompleted.length > 0)
    changes.push({
      kind: 'progressed',
      ...context,
      enrolment: { ...e },
      milestone,
      modulesCompleted,
      at: fact.at,
    });
  if (!e.completedAt && meetsCompletionRule(course, e)) {
    e.completedAt = fact.at;
    e.completedVia = fact.via === 'CLASS' ? 'CLASS' : 'MOOC';
    changes.push({ kind: 'completed', ...context, enrolment: { ...e } });
  }
  return true;
}
