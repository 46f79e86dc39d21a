import type { AccessibilityV1, CompletionRuleV1, CourseModeV1 } from '@bdhvs/events';
import { FieldProblem, Programme, ProgrammeRef, TargetGroup, refOf } from '../../programmes/domain/programme';

export const COURSE_MODES: readonly CourseModeV1[] = ['ONLINE', 'IN_PERSON', 'BLENDED'];
export const ACCESSIBILITY_TAGS: readonly AccessibilityV1[] = [
  'CAPTIONS',
  'AUDIO',
  'SIGN_LANGUAGE',
  'EASY_READ',
];
export const COMPLETION_RULES: readonly CompletionRuleV1[] = ['ALL_REQUIRED_MODULES', 'PASSING_SCORE'];
export const COURSE_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export type CourseMode = CourseModeV1;
export type Accessibility = AccessibilityV1;
export type CompletionRule = CompletionRuleV1;

export const MAX_MODULES = 100;
export const MAX_COURSE_COMPETENCIES = 64;

export interface CourseModule {
  code: string;
  title: string;
  required: boolean;
  /** Competencies this module alone covers: a subset of the course's; empty when only the whole course does. */
  competencies: string[];
}

export interface Completion {
  rule: CompletionRule;
  /** 0..100, with PASSING_SCORE only. */
  passingScore: number | null;
}

/** A course of the catalogue, mapped to the framework; published courses never change. */
export interface Course {
  id: string;
  code: string;
  title: string;
  groups: TargetGroup[];
  mode: CourseMode;
  /** ISO 639 code of the content's language: `vi`, or a minority language of the province. */
  language: string;
  accessibility: Accessibility[];
  competencies: string[];
  /** Level (bậc 1-8) of Thông tư 02/2025 the content is written for, if any. */
  level: number | null;
  modules: CourseModule[];
  completion: Completion;
  /** IRI of the course activity for a later xAPI LRS. */
  activityId: string | null;
  status: CourseStatus;
  /** The programmes the course belongs to, fixed when it is published. */
  programmes: ProgrammeRef[];
  createdBy: string;
  createdAt: Date;
  publishedAt: Date | null;
}

export type NewCourse = Pick<
  Course,
  'code' | 'title' | 'groups' | 'mode' | 'language' | 'competencies' | 'modules' | 'completion'
> & {
  accessibility?: Accessibility[];
  level?: number;
  activityId?: string;
};

/** What createCourse refuses beyond the shapes the DTO checks, each naming its field. */
export function checkNewCourse(input: NewCourse, isKnown: (code: string) => boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const repeated = (list: readonly string[], field: string, what: string) =>
    list.forEach((v, i) => {
      if (list.indexOf(v) !== i)
        problems.push({ field: `${field}.${i}`, message: `${what} ${v} is listed twice` });
    });
  repeated(input.groups, 'groups', 'group');
  repeated(input.accessibility ?? [], 'accessibility', 'accessibility tag');
  input.competencies.forEach((code, i) => {
    if (!isKnown(code))
      problems.push({
        field: `competencies.${i}`,
        message: `${code} is not a competency or basic skill of the framework`,
      });
  });
  repeated(input.competencies, 'competencies', 'competency');
  input.modules.forEach((m, i) => {
    if (input.modules.findIndex((o) => o.code === m.code) !== i)
      problems.push({
        field: `modules.${i}.code`,
        message: `module code ${m.code} is used by an earlier module`,
      });
    m.competencies.forEach((code, j) => {
      if (!input.competencies.includes(code))
        problems.push({
          field: `modules.${i}.competencies.${j}`,
          message: `${code} is not among the course's competencies`,
        });
    });
  });
  const { rule, passingScore } = input.completion;
  if (rule === 'PASSING_SCORE' && passingScore === null)
    problems.push({
      field: 'completion.passingScore',
      message: 'completion.passingScore is required with PASSING_SCORE',
    });
  if (rule === 'ALL_REQUIRED_MODULES' && passingScore !== null)
    problems.push({
      field: 'completion.passingScore',
      message: 'completion.passingScore goes with PASSING_SCORE only',
    });
  if (rule === 'ALL_REQUIRED_MODULES' && !input.modules.some((m) => m.required))
    problems.push({ field: 'modules', message: 'ALL_REQUIRED_MODULES needs at least one required module' });
  return problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i);
}

export function newCourse(input: NewCourse, at: { id: string; createdBy: string; now: Date }): Course {
  return {
    id: at.id,
    code: input.code,
    title: input.title,
    groups: [...input.groups],
    mode: input.mode,
    language: input.language,
    accessibility: [...(input.accessibility ?? [])],
    competencies: [...input.competencies],
    level: input.level ?? null,
    modules: input.modules.map((m) => ({ ...m, competencies: [...m.competencies] })),
    completion: { ...input.completion },
    activityId: input.activityId ?? null,
    status: 'DRAFT',
    programmes: [],
    createdBy: at.createdBy,
    createdAt: at.now,
    publishedAt: null,
  };
}

/** The programmes a course belongs to: those of its groups that require a competency it covers. */
export function programmesOfCourse(
  course: Pick<Course, 'groups' | 'competencies'>,
  programmes: readonly Programme[],
): ProgrammeRef[] {
  return programmes
    .filter(
      (p) => course.groups.includes(p.group) && p.competencies.some((c) => course.competencies.includes(c)),
    )
    .map(refOf);
}

/** Publishing fixes the course's programmes; publishing again changes nothing. */
export function publish(
  course: Course,
  programmes: readonly Programme[],
  now: Date,
): { course: Course; published: boolean } {
  if (course.status === 'PUBLISHED') return { course, published: false };
  return {
    course: {
      ...course,
      status: 'PUBLISHED',
      publishedAt: now,
      programmes: programmesOfCourse(course, programmes),
    },
    published: true,
  };
}
