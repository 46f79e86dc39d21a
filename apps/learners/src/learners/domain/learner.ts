import { Sex, citizenIdProblems } from './citizen-id';

export const SEXES = ['male', 'female'] as const;
export const TARGET_GROUPS = ['PUBLIC_SECTOR', 'STUDENT', 'ENTERPRISE_WORKER', 'CITIZEN'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export const STUDENT_LEVELS = [
  'PRIMARY',
  'LOWER_SECONDARY',
  'UPPER_SECONDARY',
  'VOCATIONAL',
  'HIGHER_EDUCATION',
] as const;
export type StudentLevel = (typeof STUDENT_LEVELS)[number];
export const VNEID_STATUSES = ['none', 'level1', 'level2'] as const;
export type VneidStatus = (typeof VNEID_STATUSES)[number];
export const AGE_BANDS = ['0-15', '16-17', '18-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const ELDERLY_AGE = 60;

/** What registerLearner takes (JSON body or one CSV row). */
export interface LearnerRegistration {
  citizenId: string;
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  ethnicity?: string;
  unitCode: string;
  villageCode?: string;
  householdId?: string;
  groups: TargetGroup[];
  studentLevel?: StudentLevel;
  disability?: boolean;
  poorHousehold?: boolean;
  employer?: string;
  school?: string;
  vneidStatus?: VneidStatus;
  digitalBankAccount?: boolean;
}

/** REGISTRY: registered by an officer or an import; VNEID: first known from a VNeID certification. */
export const LEARNER_SOURCES = ['REGISTRY', 'VNEID'] as const;
export type LearnerSource = (typeof LEARNER_SOURCES)[number];

/** A learner as stored, personal data in clear (only ever in memory). Erased learners keep no personal data. */
export interface Learner {
  id: string;
  learnerKey: string;
  citizenId: string | null;
  fullName: string | null;
  dateOfBirth: string | null;
  birthYear: number;
  sex: Sex;
  ethnicity: string | null;
  disability: boolean | null;
  poorHousehold: boolean | null;
  unitCode: string;
  villageCode: string | null;
  householdId: string | null;
  groups: TargetGroup[];
  studentLevel: StudentLevel | null;
  employer: string | null;
  school: string | null;
  vneidStatus: VneidStatus;
  digitalBankAccount: boolean;
  registeredBy: string;
  registeredAt: Date;
  updatedAt: Date;
  erasedAt: Date | null;
  source: LearnerSource;
  /** For a learner VNeID made known: when an officer's registration completed the record; null until then. */
  completedAt: Date | null;
}

/** Whether the record holds only what VNeID knew, waiting for an officer's registration to complete it. */
export function awaitsCompletion(l: Pick<Learner, 'source' | 'completedAt'>): boolean {
  return l.source === 'VNEID' && l.completedAt === null;
}

/** What certification hands over about a citizen VNeID certified and the registry did not know. */
export interface SeenLearner {
  citizenId: string;
  fullName: string;
  dateOfBirth: string;
  unitCode: string;
}

/**
 * The record of a learner VNeID certified: identity, date of birth and the certificate's unit, the sex
 * from the citizen ID's 4th digit; no target group until an officer completes it. A problem, naming the
 * field, when the citizen ID, the date or the name cannot be a person's.
 */
export function seenLearner(
  seen: SeenLearner,
  ids: { id: string; learnerKey: string; now: Date },
): { learner: Learner } | { problem: string } {
  if (!/^\d{12}$/.test(seen.citizenId)) return { problem: 'citizenId: must be exactly 12 digits' };
  if (!isValidDate(seen.dateOfBirth)) return { problem: 'dateOfBirth: must be a valid date YYYY-MM-DD' };
  const fullName = normaliseName(seen.fullName);
  if (fullName.length === 0 || fullName.length > 200)
    return { problem: 'fullName: must be 1 to 200 characters' };
  return {
    learner: {
      id: ids.id,
      learnerKey: ids.learnerKey,
      citizenId: seen.citizenId,
      fullName,
      dateOfBirth: seen.dateOfBirth,
      birthYear: Number(seen.dateOfBirth.slice(0, 4)),
      sex: Number(seen.citizenId[3]) % 2 === 0 ? 'male' : 'female',
      ethnicity: null,
      disability: null,
      poorHousehold: null,
      unitCode: seen.unitCode,
      villageCode: null,
      householdId: null,
      groups: [],
      studentLevel: null,
      employer: null,
      school: null,
      vneidStatus: 'none',
      digitalBankAccount: false,
      registeredBy: 'vneid',
      registeredAt: ids.now,
      updatedAt: ids.now,
      erasedAt: null,
      source: 'VNEID',
      completedAt: null,
    },
  };
}

/** An officer's registration completing a record VNeID made known: same id, key and source, the officer's fields. */
export function completeSeenLearner(
  existing: Learner,
  reg: LearnerRegistration,
  by: { registeredBy: string; now: Date },
): Learner {
  return {
    ...existing,
    citizenId: reg.citizenId,
    ...describedBy(reg),
    registeredBy: by.registeredBy,
    updatedAt: by.now,
    completedAt: by.now,
  };
}

/** The history entry of a completion: who completed the record VNeID made known, and when. */
export function completionHistory(completed: Learner): {
  learnerId: string;
  changedBy: string;
  reason: string;
  before: object;
  after: object;
} {
  return {
    learnerId: completed.id,
    changedBy: completed.registeredBy,
    reason: 'registration completed the record VNeID made known',
    before: { source: 'VNEID', completedAt: null },
    after: { source: 'VNEID', completedAt: completed.completedAt?.toISOString() ?? null },
  };
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** What the registry knows to check a registration against. */
export interface RegistrationContext {
  /** Today in Vietnam, YYYY-MM-DD. */
  today: string;
  ethnicities: ReadonlySet<string>;
  /** Communes and wards of the 2025 map. */
  communes: ReadonlySet<string>;
  /** Village code -> its commune or ward. */
  villages: ReadonlyMap<string, string>;
}

/** Full names arrive in any Unicode normalisation (NFD from some keyboards); they are kept in NFC. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The registration with the name in NFC, or every problem found, each naming its field. */
export function checkRegistration(
  input: LearnerRegistration,
  ctx: RegistrationContext,
): { registration: LearnerRegistration } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fullName = normaliseName(input.fullName ?? '');
  if (fullName.length === 0 || fullName.length > 200)
    problems.push({ field: 'fullName', message: 'fullName must be 1 to 200 characters' });
  if (!(SEXES as readonly string[]).includes(input.sex))
    problems.push({ field: 'sex', message: 'sex must be male or female' });
  const dateOk = isValidDate(input.dateOfBirth ?? '');
  if (!dateOk)
    problems.push({ field: 'dateOfBirth', message: 'dateOfBirth must be a valid date YYYY-MM-DD' });
  else if (input.dateOfBirth > ctx.today)
    problems.push({ field: 'dateOfBirth', message: 'dateOfBirth must not be in the future' });
  else if (input.dateOfBirth < '1900-01-01')
    problems.push({ field: 'dateOfBirth', message: 'dateOfBirth must be in 1900 or later' });
  const dateUsable = dateOk && input.dateOfBirth <= ctx.today && input.dateOfBirth >= '1900-01-01';
  problems.push(
    ...citizenIdProblems(
      input.citizenId ?? '',
      dateUsable ? input.dateOfBirth : undefined,
      (SEXES as readonly string[]).includes(input.sex) ? input.sex : undefined,
    ),
  );
  if (input.ethnicity !== undefined && !ctx.ethnicities.has(input.ethnicity)) {
    problems.push({
      field: 'ethnicity',
      message: 'ethnicity must be a two-digit code of the 54 ethnic groups (01 to 54)',
    });
  }
  if (!ctx.communes.has(input.unitCode))
    problems.push({ field: 'unitCode', message: 'unitCode must be a commune or ward of the 2025 map' });
  if (input.villageCode !== undefined && ctx.villages.get(input.villageCode) !== input.unitCode) {
    problems.push({ field: 'villageCode', message: 'villageCode must be a village of unitCode' });
  }
  problems.push(...groupProblems(input.groups, input.studentLevel));
  if (input.vneidStatus !== undefined && !(VNEID_STATUSES as readonly string[]).includes(input.vneidStatus)) {
    problems.push({ field: 'vneidStatus', message: 'vneidStatus must be one of: none, level1, level2' });
  }
  for (const field of ['employer', 'school'] as const) {
    const value = input[field];
    if (value !== undefined && (value.trim().length === 0 || value.length > 200))
      problems.push({ field, message: `${field} must be 1 to 200 characters` });
  }
  if (problems.length > 0) return { problems };
  return {
    registration: {
      ...input,
      fullName,
      ...(input.employer ? { employer: input.employer.normalize('NFC').trim() } : {}),
      ...(input.school ? { school: input.school.normalize('NFC').trim() } : {}),
    },
  };
}

export function groupProblems(
  groups: readonly string[] | undefined,
  studentLevel: string | undefined | null,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Array.isArray(groups) || groups.length === 0)
    return [{ field: 'groups', message: 'groups must name at least one target group' }];
  if (groups.some((g) => !(TARGET_GROUPS as readonly string[]).includes(g))) {
    problems.push({ field: 'groups', message: `groups must be among: ${TARGET_GROUPS.join(', ')}` });
  }
  if (new Set(groups).size !== groups.length)
    problems.push({ field: 'groups', message: 'groups must not repeat a group' });
  const student = groups.includes('STUDENT');
  if (student && !studentLevel)
    problems.push({ field: 'studentLevel', message: 'studentLevel is required for the STUDENT group' });
  if (!student && studentLevel)
    problems.push({ field: 'studentLevel', message: 'studentLevel is only for the STUDENT group' });
  if (studentLevel && !(STUDENT_LEVELS as readonly string[]).includes(studentLevel)) {
    problems.push({
      field: 'studentLevel',
      message: `studentLevel must be one of: ${STUDENT_LEVELS.join(', ')}`,
    });
  }
  return problems;
}

/** Whole years of age on a day (YYYY-MM-DD); a birthday on 29 February counts from 1 March in other years. */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
}

/** Elderly: 60 or older on the given day. */
export function isElderly(dateOfBirth: string, day: string): boolean {
  return ageOn(dateOfBirth, day) >= ELDERLY_AGE;
}

export function ageBandOf(age: number): AgeBand {
  if (age < 16) return '0-15';
  if (age < 18) return '16-17';
  if (age < ELDERLY_AGE) return '18-59';
  return '60+';
}

/** The range of birth dates (inclusive) of people in an age band on a day. */
export function birthDatesOfAgeBand(band: AgeBand, day: string): { from: string | null; to: string | null } {
  const shift = (years: number) => {
    const year = Number(day.slice(0, 4)) - years;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return `${String(year).padStart(4, '0')}${!leap && day.slice(5) === '02-29' ? '-02-28' : day.slice(4)}`;
  };
  const [min, max] = { '0-15': [0, 15], '16-17': [16, 17], '18-59': [18, 59], '60+': [60, null] }[band] as [
    number,
    number | null,
  ];
  // Aged >= min: born on or before day - min years; aged <= max: born after day - (max + 1) years.
  return { from: max === null ? null : dayAfter(shift(max + 1)), to: shift(min) };
}

function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Today's date in Vietnam (UTC+7, no daylight saving). */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A new learner from a checked registration; ids and time come in. */
/** What a registration says about a learner, absent fields filled with their defaults (the citizen ID aside). */
export function describedBy(reg: LearnerRegistration) {
  return {
    fullName: reg.fullName,
    dateOfBirth: reg.dateOfBirth,
    birthYear: Number(reg.dateOfBirth.slice(0, 4)),
    sex: reg.sex,
    ethnicity: reg.ethnicity ?? null,
    disability: reg.disability ?? false,
    poorHousehold: reg.poorHousehold ?? false,
    unitCode: reg.unitCode,
    villageCode: reg.villageCode ?? null,
    householdId: reg.householdId ?? null,
    groups: reg.groups,
    studentLevel: reg.studentLevel ?? null,
    employer: reg.employer ?? null,
    school: reg.school ?? null,
    vneidStatus: reg.vneidStatus ?? 'none',
    digitalBankAccount: reg.digitalBankAccount ?? false,
  };
}

export function newLearner(
  reg: LearnerRegistration,
  ids: { id: string; learnerKey: string; registeredBy: string; now: Date },
): Learner {
  return {
    id: ids.id,
    learnerKey: ids.learnerKey,
    citizenId: reg.citizenId,
    ...describedBy(reg),
    registeredBy: ids.registeredBy,
    registeredAt: ids.now,
    updatedAt: ids.now,
    erasedAt: null,
    source: 'REGISTRY',
    completedAt: null,
  };
}

/** The registration a stored learner amounts to (to check a correction with the same rules). */
export function registrationOf(l: Learner): LearnerRegistration {
  const reg: LearnerRegistration = {
    citizenId: l.citizenId ?? '',
    fullName: l.fullName ?? '',
    dateOfBirth: l.dateOfBirth ?? '',
    sex: l.sex,
    unitCode: l.unitCode,
    groups: l.groups,
  };
  const optional: Partial<LearnerRegistration> = {
    ethnicity: l.ethnicity ?? undefined,
    villageCode: l.villageCode ?? undefined,
    householdId: l.householdId ?? undefined,
    studentLevel: l.studentLevel ?? undefined,
    disability: l.disability ?? undefined,
    poorHousehold: l.poorHousehold ?? undefined,
    employer: l.employer ?? undefined,
    school: l.school ?? undefined,
    vneidStatus: l.vneidStatus,
    digitalBankAccount: l.digitalBankAccount,
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) (reg as unknown as Record<string, unknown>)[key] = value;
  return reg;
}

/** Fields the indicators use: what events carry (never the citizen ID or the name). */
export const INDICATOR_FIELDS = [
  'unitCode',
  'villageCode',
  'householdId',
  'dateOfBirth',
  'birthYear',
  'sex',
  'ethnicity',
  'disability',
  'poorHousehold',
  'groups',
  'studentLevel',
  'vneidStatus',
  'digitalBankAccount',
] as const;
export type IndicatorFields = Partial<Pick<Learner, (typeof INDICATOR_FIELDS)[number]>>;

/** Personal data: in history only as "[changed]". */
const PERSONAL_FIELDS = ['citizenId', 'fullName', 'dateOfBirth'] as const;
export const CHANGED = '[changed]';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The indicator fields that differ: before and after hold only those. */
export function indicatorChanges(
  before: Learner,
  after: Learner,
): { before: IndicatorFields; after: IndicatorFields } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const field of INDICATOR_FIELDS) {
    if (!same(before[field], after[field])) {
      b[field] = before[field];
      a[field] = after[field];
    }
  }
  return { before: b as IndicatorFields, after: a as IndicatorFields };
}

/** Before and after of every changed field, for the history table: personal data never in clear. */
export function historyChanges(
  before: Learner,
  after: Learner,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const fields = [...new Set([...PERSONAL_FIELDS, ...INDICATOR_FIELDS, 'employer', 'school'] as const)];
  for (const field of fields) {
    if (same(before[field], after[field])) continue;
    const personal = (PERSONAL_FIELDS as readonly string[]).includes(field);
    b[field] = personal ? (before[field] === null ? null : CHANGED) : before[field];
    a[field] = personal ? (after[field] === null ? null : CHANGED) : after[field];
  }
  return { before: b, after: a };
}

/**
 * Erasure on the data subject's request: personal data goes, what the indicators need stays anonymous
 * (unit, birth year, groups, sex; certification stays joined by learner key).
 */
export function erased(l: Learner, now: Date): Learner {
  return {
    ...l,
    citizenId: null,
    fullName: null,
    dateOfBirth: null,
    ethnicity: null,
    disability: null,
    poorHousehold: null,
    villageCode: null,
    householdId: null,
    employer: null,
    school: null,
    updatedAt: now,
    erasedAt: now,
  };
}
