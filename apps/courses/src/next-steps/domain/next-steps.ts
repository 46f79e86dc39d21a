import type { Accessibility, Course } from '../../catalogue/domain/course';
import type { Audience, CommunityClass } from '../../classes/domain/community-class';
import type { Enrolment } from '../../enrolments/domain/enrolment';
import { Programme, programmesOf } from '../../programmes/domain/programme';
import { CourseLearner, ageOn } from '../../registry/domain/course-learner';

/** Age from which the plan's classes for the elderly (IV.5.4.c) are offered. */
export const ELDERLY_FROM = 60;

/**
 * Languages of the province's ethnic communities (ISO 639), by the registry's two-digit ethnicity code:
 * the project's reading, used only to prefer a course in the learner's own language. Thái (03): Tai Dón
 * and Tai Dam; HMông (08): Hmong; Dao (09): Iu Mien; Hà Nhì (35): Hani. Vietnamese (`vi`) always comes after.
 */
export const COMMUNITY_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  '03': ['twh', 'blt'],
  '08': ['hmn'],
  '09': ['ium'],
  '35': ['hni'],
};

/** What the learner needs from a course, and where each need came from. */
export interface LearnerNeeds {
  /** Acceptable content languages, most preferred first. */
  languages: string[];
  languagesFrom: 'request' | 'registry';
  /** Tags a course must have: asked for in the request. */
  requiredAccessibility: Accessibility[];
  /** Tags that make a course fit better: from the registry (disability, age). */
  preferredAccessibility: Accessibility[];
  /** Audiences of community classes that suit the learner. */
  audiences: Audience[];
}

export function needsOf(
  learner: Pick<CourseLearner, 'ethnicity' | 'disability' | 'dateOfBirth' | 'birthYear'>,
  asked: { languages?: string[]; accessibility?: Accessibility[] },
  today: string,
): LearnerNeeds {
  const elderly = (ageOn(learner, today) ?? 0) >= ELDERLY_FROM;
  const preferred: Accessibility[] = [];
  if (!asked.accessibility?.length) {
    if (learner.disability) preferred.push('CAPTIONS', 'AUDIO', 'SIGN_LANGUAGE', 'EASY_READ');
    else if (elderly) preferred.push('EASY_READ', 'AUDIO');
  }
  const registryLanguages = [...(COMMUNITY_LANGUAGES[learner.ethnicity ?? ''] ?? []), 'vi'];
  const askedLanguages = asked.languages?.length ? [...new Set(asked.languages)] : null;
  return {
    languages: askedLanguages ?? registryLanguages,
    languagesFrom: askedLanguages ? 'request' : 'registry',
    requiredAccessibility: [...new Set(asked.accessibility ?? [])],
    preferredAccessibility: preferred,
    audiences: [
      ...(learner.disability ? ['DISABILITY' as const] : []),
      ...(elderly ? ['ELDERLY' as const] : []),
      'GENERAL',
    ],
  };
}

export type Reason =
  | { code: 'COMPETENCY_GAP'; competency: string; name: string; programmes: string[]; message: string }
  | { code: 'PROGRAMME'; programme: string; version: number; group: string; message: string }
  | { code: 'ENROLLED'; progressPercent: number; message: string }
  | { code: 'LANGUAGE'; language: string; preferred: boolean; message: string }
  | { code: 'ACCESSIBILITY'; accessibility: Accessibility[]; message: string }
  | { code: 'LEVEL'; level: number; message: string }
  | { code: 'CLASS_NEARBY'; classId: string; audience: Audience; message: string };

export interface NextStep {
  kind: 'MODULE' | 'COURSE';
  courseId: string;
  courseCode: string;
  courseTitle: string;
  moduleCode: string | null;
  moduleTitle: string | null;
  mode: string;
  language: string;
  accessibility: Accessibility[];
  /** The learner's gaps this step closes. */
  closes: string[];
  reasons: Reason[];
  /** Community classes of the learner's commune for the course that suit them. */
  classIds: string[];
}

export interface Gap {
  competency: string;
  name: string;
  programmes: string[];
}

export interface NextSteps {
  programmes: Programme[];
  needs: LearnerNeeds;
  covered: { competency: string; name: string; courseId: string; moduleCode: string | null }[];
  gaps: Gap[];
  steps: NextStep[];
  /** Gaps no published course that fits the learner closes. */
  uncovered: Gap[];
}

export interface NextStepsInput {
  learner: Pick<CourseLearner, 'groups' | 'studentLevel'>;
  needs: LearnerNeeds;
  programmes: readonly Programme[];
  /** Published courses (enrolled ones included). */
  courses: readonly Course[];
  enrolments: readonly Enrolment[];
  /** Classes of the learner's commune. */
  classes: readonly CommunityClass[];
  names: ReadonlyMap<string, string>;
  limit: number;
}

interface Candidate {
  course: Course;
  enrolment: Enrolment | undefined;
  closes: string[];
  languageRank: number;
  fitting: Accessibility[];
  levelFit: boolean;
  classes: CommunityClass[];
}

/**
 * The personalised next steps of IV.4.4, deterministic and explained: the gaps between the learner's
 * programmes and what they completed, and for each the course (or the modules in it) that closes it,
 * chosen by a fixed order: a course the learner is enrolled in first, then the most preferred language, the most
 * gaps closed, the accessibility that suits the learner, a class in their commune, the programme's
 * level, and the course code. A course is proposed only if it is for one of the learner's groups, in
 * an acceptable language, with every accessibility tag asked for, and closes a gap no course before it
 * in that order closes.
 */
export function nextSteps(input: NextStepsInput): NextSteps {
  const { learner, needs, names } = input;
  const name = (code: string) => names.get(code) ?? code;
  const followed = programmesOf(learner, input.programmes);
  const requiredBy = new Map<string, string[]>();
  for (const p of followed)
    for (const c of p.competencies) requiredBy.set(c, [...(requiredBy.get(c) ?? []), p.code]);

  const byId = new Map(input.courses.map((c) => [c.id, c]));
  const covered: NextSteps['covered'] = [];
  const coveredSet = new Set<string>();
  const cover = (competency: string, courseId: string, moduleCode: string | null) => {
    if (coveredSet.has(competency) || !requiredBy.has(competency)) return;
    coveredSet.add(competency);
    covered.push({ competency, name: name(competency), courseId, moduleCode });
  };
  for (const e of input.enrolments) {
    const course = byId.get(e.courseId);
    if (!course) continue;
    if (e.completedAt) course.competencies.forEach((c) => cover(c, course.id, null));
    for (const m of course.modules)
      if (e.completedModules.includes(m.code)) m.competencies.forEach((c) => cover(c, course.id, m.code));
  }
  const gaps: Gap[] = [...requiredBy.entries()]
    .filter(([c]) => !coveredSet.has(c))
    .map(([competency, programmes]) => ({ competency, name: name(competency), programmes }));
  const gapSet = new Set(gaps.map((g) => g.competency));
  const levels = new Set(followed.flatMap((p) => p.levels));
  const enrolmentOf = new Map(input.enrolments.map((e) => [e.courseId, e]));

  const candidates: Candidate[] = [];
  for (const course of input.courses) {
    if (course.status !== 'PUBLISHED' || !course.groups.some((g) => learner.groups.includes(g))) continue;
    const languageRank = needs.languages.indexOf(course.language);
    if (languageRank < 0 || !needs.requiredAccessibility.every((a) => course.accessibility.includes(a)))
      continue;
    const enrolment = enrolmentOf.get(course.id);
    if (enrolment?.completedAt) continue;
    const closes = course.competencies.filter((c) => gapSet.has(c));
    if (closes.length === 0) continue;
    candidates.push({
      course,
      enrolment,
      closes,
      languageRank,
      fitting: needs.preferredAccessibility.filter((a) => course.accessibility.includes(a)),
      levelFit: course.level !== null && levels.has(course.level),
      classes: input.classes.filter((k) => k.courseId === course.id && needs.audiences.includes(k.audience)),
    });
  }
  candidates.sort(
    (a, b) =>
      Number(!!b.enrolment) - Number(!!a.enrolment) ||
      (b.enrolment?.progressPercent ?? 0) - (a.enrolment?.progressPercent ?? 0) ||
      a.languageRank - b.languageRank ||
      b.closes.length - a.closes.length ||
      b.fitting.length - a.fitting.length ||
      Number(b.classes.length > 0) - Number(a.classes.length > 0) ||
      Number(b.levelFit) - Number(a.levelFit) ||
      a.course.code.localeCompare(b.course.code),
  );

  const assigned = new Set<string>();
  const steps: NextStep[] = [];
  for (const candidate of candidates) {
    const closes = candidate.closes.filter((c) => !assigned.has(c));
    if (closes.length === 0) continue;
    closes.forEach((c) => assigned.add(c));
    steps.push(...stepsFor(candidate, closes, { needs, followed, gaps, name }));
  }
  return {
    programmes: followed,
    needs,
    covered,
    gaps,
    steps: steps.slice(0, input.limit),
    uncovered: gaps.filter((g) => !assigned.has(g.competency)),
  };
}

/** The steps in one course: a step per unfinished module that closes gaps on its own, else the course. */
function stepsFor(
  candidate: Candidate,
  closes: string[],
  context: { needs: LearnerNeeds; followed: Programme[]; gaps: Gap[]; name: (code: string) => string },
): NextStep[] {
  const { course, enrolment } = candidate;
  const done = new Set(enrolment?.completedModules ?? []);
  const byModule = course.modules
    .filter((m) => !done.has(m.code))
    .map((m) => ({ module: m, closes: closes.filter((c) => m.competencies.includes(c)) }))
    .filter((x) => x.closes.length > 0);
  const inModules = new Set(byModule.flatMap((x) => x.closes));
  const rest = closes.filter((c) => !inModules.has(c));
  const units = [
    ...byModule.map((x) => ({ module: x.module, closes: x.closes })),
    ...(rest.length > 0 ? [{ module: null, closes: rest }] : []),
  ];
  return units.map(({ module, closes: unitCloses }) => ({
    kind: module ? 'MODULE' : 'COURSE',
    courseId: course.id,
    courseCode: course.code,
    courseTitle: course.title,
    moduleCode: module?.code ?? null,
    moduleTitle: module?.title ?? null,
    mode: course.mode,
    language: course.language,
    accessibility: course.accessibility,
    closes: unitCloses,
    reasons: reasonsFor(candidate, unitCloses, context),
    classIds: candidate.classes.map((k) => k.id),
  }));
}

function reasonsFor(
  candidate: Candidate,
  closes: string[],
  context: { needs: LearnerNeeds; followed: Programme[]; gaps: Gap[]; name: (code: string) => string },
): Reason[] {
  const { course, enrolment } = candidate;
  const reasons: Reason[] = [];
  const programmes = new Set<string>();
  for (const competency of closes) {
    const gap = context.gaps.find((g) => g.competency === competency);
    const of = gap?.programmes ?? [];
    of.forEach((p) => programmes.add(p));
    reasons.push({
      code: 'COMPETENCY_GAP',
      competency,
      name: context.name(competency),
      programmes: of,
      message: `Not yet covered: ${competency} (${context.name(competency)}), required by ${of.join(', ')}`,
    });
  }
  for (const p of context.followed.filter((x) => programmes.has(x.code)))
    reasons.push({
      code: 'PROGRAMME',
      programme: p.code,
      version: p.version,
      group: p.group,
      message: `Part of the ${p.group} programme ${p.code} (version ${p.version}) the learner follows`,
    });
  if (enrolment)
    reasons.push({
      code: 'ENROLLED',
      progressPercent: enrolment.progressPercent,
      message: `Enrolled already: ${enrolment.progressPercent} % done`,
    });
  const preferred = candidate.languageRank === 0;
  reasons.push({
    code: 'LANGUAGE',
    language: course.language,
    preferred,
    message: preferred
      ? `In ${course.language}, the learner's first language choice`
      : `In ${course.language}: no course in ${context.needs.languages.slice(0, candidate.languageRank).join(', ')} closes this first`,
  });
  const accessibility = [...new Set([...context.needs.requiredAccessibility, ...candidate.fitting])];
  if (accessibility.length > 0)
    reasons.push({
      code: 'ACCESSIBILITY',
      accessibility,
      message: `Offers ${accessibility.join(', ')}, which the learner ${context.needs.requiredAccessibility.length > 0 ? 'asked for' : 'is likely to need'}`,
    });
  if (candidate.levelFit && course.level !== null)
    reasons.push({
      code: 'LEVEL',
      level: course.level,
      message: `Written for level ${course.level}, the programme's level`,
    });
  for (const k of candidate.classes)
    reasons.push({
      code: 'CLASS_NEARBY',
      classId: k.id,
      audience: k.audience,
      message: `A community class in the learner's commune (${k.audience.toLowerCase()} audience)`,
    });
  return reasons;
}
