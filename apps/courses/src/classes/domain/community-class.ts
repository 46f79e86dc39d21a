import type { ClassAudienceV1 } from '@bdhvs/events';
import type { Course } from '../../catalogue/domain/course';
import type { FieldProblem } from '../../programmes/domain/programme';
import type { ProgressFact } from '../../enrolments/domain/enrolment';

export const AUDIENCES: readonly ClassAudienceV1[] = ['GENERAL', 'ELDERLY', 'DISABILITY'];
export type Audience = ClassAudienceV1;
export const TEACHER_ROLES = ['TEACHER', 'MENTOR'] as const;
export type TeacherRole = (typeof TEACHER_ROLES)[number];

/** Sessions on the same weekdays every week, from startsOn (to endsOn, if set), at one time of day. */
export interface WeeklySchedule {
  /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
  weekdays: number[];
  /** HH:MM, Vietnam time. */
  startTime: string;
  durationMinutes: number;
  startsOn: string;
  endsOn: string | null;
}

/** Which sessions (numbered from 1 in date order) cover a module: attending them all completes it. */
export interface ModulePlanItem {
  moduleCode: string;
  sessions: number[];
}

export interface Teacher {
  role: TeacherRole;
  name: string;
  /** The account (JWT `sub`) that records attendance for the class, if the teacher has one. */
  sub: string | null;
  /** A mentor is a registered learner. */
  learnerId: string | null;
}

/** A community class of a commune for a course (IV.5.4.a, c, d). */
export interface CommunityClass {
  id: string;
  courseId: string;
  unitCode: string;
  audience: Audience;
  title: string;
  teacher: Teacher;
  schedule: WeeklySchedule;
  modulePlan: ModulePlanItem[];
  createdBy: string;
  createdAt: Date;
}

export type NewClass = Omit<CommunityClass, 'id' | 'createdBy' | 'createdAt' | 'title' | 'modulePlan'> & {
  title?: string;
  modulePlan?: ModulePlanItem[];
};

const DAY_MS = 86_400_000;
/** A class is planned for ten years at most: an end date beyond that is a typing error. */
export const MAX_CLASS_DAYS = 10 * 366;
export const FIRST_CLASS_DAY = '2025-01-01';

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

export function isRealDate(date: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) &&
    dateOf(dayNumber(date)) === date
  );
}

/** Today's date in Vietnam (UTC+7). */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Sessions from startsOn up to `until` (inclusive), counted by whole weeks, whatever the distance. */
function sessionsUpTo(schedule: WeeklySchedule, until: string): number {
  const days = dayNumber(until) - dayNumber(schedule.startsOn);
  if (days < 0) return 0;
  const weeks = Math.floor(days / 7);
  const first = dayNumber(schedule.startsOn) + weeks * 7;
  let count = weeks * schedule.weekdays.length;
  for (let day = first; day <= dayNumber(until); day++)
    if (schedule.weekdays.includes(isoWeekday(dateOf(day)))) count++;
  return count;
}

/** The session's number (1 for the first), or null when no session is scheduled that day. */
export function sessionNumber(schedule: WeeklySchedule, date: string): number | null {
  if (!isRealDate(date) || date < schedule.startsOn || (schedule.endsOn && date > schedule.endsOn))
    return null;
  if (!schedule.weekdays.includes(isoWeekday(date))) return null;
  return sessionsUpTo(schedule, date);
}

/** The date of session `n`, or null past the schedule's end. */
export function sessionDate(schedule: WeeklySchedule, n: number): string | null {
  if (n < 1 || schedule.weekdays.length === 0) return null;
  const weeks = Math.floor((n - 1) / schedule.weekdays.length);
  let seen = weeks * schedule.weekdays.length;
  for (let day = dayNumber(schedule.startsOn) + weeks * 7; ; day++) {
    const date = dateOf(day);
    if (!schedule.weekdays.includes(isoWeekday(date))) continue;
    if (++seen === n) return schedule.endsOn && date > schedule.endsOn ? null : date;
  }
}

/** When a session starts: its date at the schedule's time, Vietnam time. */
export function sessionStart(schedule: WeeklySchedule, date: string): Date {
  return new Date(`${date}T${schedule.startTime}:00+07:00`);
}

/** ISO 8601 week of a calendar date, e.g. "2025-W40". */
export function isoWeek(date: string): string {
  const day = dayNumber(date);
  const thursday = day - isoWeekday(date) + 4;
  const year = Number(dateOf(thursday).slice(0, 4));
  const week = Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Without a plan, module i is covered by session i, in the course's order. */
export function defaultModulePlan(course: Pick<Course, 'modules'>): ModulePlanItem[] {
  return course.modules.map((m, i) => ({ moduleCode: m.code, sessions: [i + 1] }));
}

/** What createClass refuses beyond the shapes the DTO checks, each naming its field. */
export function checkNewClass(
  input: NewClass,
  course: Pick<Course, 'modules'>,
  unit: { type: string } | null,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!unit || (unit.type !== 'commune' && unit.type !== 'ward'))
    problems.push({ field: 'unitCode', message: 'unitCode must be a commune or ward of the 2025 map' });
  const { schedule } = input;
  if (new Set(schedule.weekdays).size !== schedule.weekdays.length)
    problems.push({ field: 'schedule.weekdays', message: 'schedule.weekdays must not repeat a day' });
  if (!isRealDate(schedule.startsOn))
    problems.push({ field: 'schedule.startsOn', message: 'schedule.startsOn must be a real date' });
  else if (schedule.startsOn < FIRST_CLASS_DAY)
    problems.push({
      field: 'schedule.startsOn',
      message: `schedule.startsOn must not be before ${FIRST_CLASS_DAY}`,
    });
  if (schedule.endsOn !== null) {
    if (!isRealDate(schedule.endsOn))
      problems.push({ field: 'schedule.endsOn', message: 'schedule.endsOn must be a real date' });
    else if (schedule.endsOn < schedule.startsOn)
      problems.push({
        field: 'schedule.endsOn',
        message: 'schedule.endsOn must not be before schedule.startsOn',
      });
    else if (
      isRealDate(schedule.startsOn) &&
      dayNumber(schedule.endsOn) - dayNumber(schedule.startsOn) > MAX_CLASS_DAYS
    )
      problems.push({ field: 'schedule.endsOn', message: 'a class is planned for ten years at most' });
  }
  if (problems.some((p) => p.field.startsWith('schedule'))) return problems;
  const total = schedule.endsOn ? sessionsUpTo(schedule, schedule.endsOn) : null;
  if (total === 0) problems.push({ field: 'schedule', message: 'the schedule has no session' });
  (input.modulePlan ?? []).forEach((item, i) => {
    if (!course.modules.some((m) => m.code === item.moduleCode))
      problems.push({
        field: `modulePlan.${i}.moduleCode`,
        message: 'moduleCode names no module of the course',
      });
    else if ((input.modulePlan ?? []).findIndex((o) => o.moduleCode === item.moduleCode) !== i)
      problems.push({ field: `modulePlan.${i}.moduleCode`, message: 'moduleCode is planned twice' });
    if (new Set(item.sessions).size !== item.sessions.length)
      problems.push({ field: `modulePlan.${i}.sessions`, message: 'sessions must not repeat a session' });
    if (total !== null && item.sessions.some((n) => n > total))
      problems.push({ field: `modulePlan.${i}.sessions`, message: `the schedule has ${total} sessions` });
  });
  if (!input.modulePlan && total !== null && total < course.modules.length)
    problems.push({
      field: 'modulePlan',
      message: `without a modulePlan each of the ${course.modules.length} modules takes a session; the schedule has ${total}`,
    });
  return problems;
}

export function newClass(
  input: NewClass,
  course: Pick<Course, 'title' | 'modules'>,
  at: { id: string; createdBy: string; now: Date },
): CommunityClass {
  return {
    ...input,
    id: at.id,
    title: input.title ?? course.title,
    teacher: { ...input.teacher },
    schedule: { ...input.schedule, weekdays: [...input.schedule.weekdays].sort((a, b) => a - b) },
    modulePlan: input.modulePlan ?? defaultModulePlan(course),
    createdBy: at.createdBy,
    createdAt: at.now,
  };
}

/** The modules a learner completed in a class: those whose sessions they all attended. */
export function modulesCompletedBy(
  plan: readonly ModulePlanItem[],
  attended: ReadonlySet<number>,
): ModulePlanItem[] {
  return plan.filter((item) => item.sessions.length > 0 && item.sessions.every((n) => attended.has(n)));
}

/**
 * What a class's attendance means for each learner present: the facts for their enrolment in the
 * class's course (attending enrols), with the modules completed by every session they attended. The
 * business time is the start of this session, or of a later one a module it helped complete needed.
 */
export function attendanceFacts(
  cls: CommunityClass,
  session: { date: string; number: number },
  attendedByLearner: ReadonlyMap<string, ReadonlySet<number>>,
  now: Date,
): ProgressFact[] {
  return [...attendedByLearner.entries()].map(([learnerId, attended]) => {
    const completed = modulesCompletedBy(cls.modulePlan, attended);
    // The modules this session helped complete were completed by the latest session they needed.
    const helped = completed.filter((m) => m.sessions.includes(session.number));
    const lastNeeded = Math.max(session.number, ...helped.flatMap((m) => m.sessions));
    const lastDate = sessionDate(cls.schedule, lastNeeded) ?? session.date;
    return {
      learnerId,
      courseId: cls.courseId,
      via: 'CLASS',
      enrolOnly: false,
      progressPercent: null,
      moduleCodes: completed.map((m) => m.moduleCode),
      score: null,
      at: sessionStart(cls.schedule, lastDate),
      atGiven: false,
      receivedAt: now,
      mayWait: false,
    };
  });
}
