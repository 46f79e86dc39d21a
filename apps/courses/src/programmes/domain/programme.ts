import type { StudentLevelV1, TargetGroupV1 } from '@bdhvs/events';

export const TARGET_GROUPS: readonly TargetGroupV1[] = [
  'PUBLIC_SECTOR',
  'STUDENT',
  'ENTERPRISE_WORKER',
  'CITIZEN',
];
export type TargetGroup = TargetGroupV1;
export const STUDENT_LEVELS: readonly StudentLevelV1[] = [
  'PRIMARY',
  'LOWER_SECONDARY',
  'UPPER_SECONDARY',
  'VOCATIONAL',
  'HIGHER_EDUCATION',
];
export type StudentLevel = StudentLevelV1;

/** A field that does not fit, named as the request names it ("competencies.2"). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A programme: the digital skills one target group (for students, some school levels) is to learn, as
 * codes of the framework (the 24 competencies of Thông tư 02/2025 and the plan's BASIC-... skills).
 * Every edit is a new version; the seed is version 1, marked as such with its source.
 */
export interface Programme {
  code: string;
  group: TargetGroup;
  /** For a students' programme, the levels it is for; empty for the other groups. */
  studentLevels: StudentLevel[];
  version: number;
  title: string;
  description: string;
  /** Levels (bậc 1-8) of Thông tư 02/2025 the programme aims at; empty when no source says. */
  levels: number[];
  competencies: string[];
  seed: boolean;
  /** Where the content comes from: the plan's sections for the seed, the editor's reference after. */
  source: string | null;
  editedBy: string | null;
  editedAt: Date;
}

export interface ProgrammeRevision {
  baseVersion: number;
  title?: string;
  description?: string;
  levels?: number[];
  competencies: string[];
  source?: string;
}

export const MAX_PROGRAMME_COMPETENCIES = 64;

export function checkRevision(
  revision: ProgrammeRevision,
  isKnown: (code: string) => boolean,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (revision.competencies.length === 0)
    problems.push({ field: 'competencies', message: 'competencies must name at least one competency' });
  revision.competencies.forEach((code, i) => {
    if (!isKnown(code))
      problems.push({
        field: `competencies.${i}`,
        message: `${code} is not a competency or basic skill of the framework`,
      });
    else if (revision.competencies.indexOf(code) !== i)
      problems.push({ field: `competencies.${i}`, message: `${code} is listed twice` });
  });
  if (revision.levels && new Set(revision.levels).size !== revision.levels.length)
    problems.push({ field: 'levels', message: 'levels must not repeat a level' });
  return problems;
}

/** The next version of a programme; the caller checked the revision and the base version. */
export function revise(
  current: Programme,
  revision: ProgrammeRevision,
  editedBy: string,
  now: Date,
): Programme {
  return {
    ...current,
    version: current.version + 1,
    title: revision.title ?? current.title,
    description: revision.description ?? current.description,
    levels: revision.levels ? [...revision.levels].sort((a, b) => a - b) : current.levels,
    competencies: [...revision.competencies],
    seed: false,
    source: revision.source ?? null,
    editedBy,
    editedAt: now,
  };
}

/**
 * The programmes a learner follows: those of each of their groups. A student's programme is the one of
 * their school level; a student whose level the registry does not know follows every students' programme.
 */
export function programmesOf(
  learner: { groups: readonly string[]; studentLevel: string | null },
  programmes: readonly Programme[],
): Programme[] {
  return programmes.filter(
    (p) =>
      learner.groups.includes(p.group) &&
      (p.studentLevels.length === 0 ||
        learner.studentLevel === null ||
        p.studentLevels.includes(learner.studentLevel as StudentLevel)),
  );
}

export interface ProgrammeRef {
  code: string;
  version: number;
  group: TargetGroup;
  studentLevels: StudentLevel[];
}

export function refOf(p: Programme): ProgrammeRef {
  return { code: p.code, version: p.version, group: p.group, studentLevels: [...p.studentLevels] };
}
