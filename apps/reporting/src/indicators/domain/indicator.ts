/** Indicators of section III of the plan, and the model indicators of IV.6. */
export const ALL_INDICATORS = [
  'a',
  'b',
  'c',
  'd',
  'dd',
  'm_family',
  'm_classes_week',
  'm_mentor5',
  'm_desk',
  'm_identity16',
  'm_visits',
  'm_4t',
] as const;
export type IndicatorId = (typeof ALL_INDICATORS)[number];
/** Indicators over learners: every breakdown applies to them. */
export const LEARNER_INDICATORS = ['a', 'b', 'c', 'd', 'dd'] as const;
export type LearnerIndicator = (typeof LEARNER_INDICATORS)[number];
/** Mentors count when they guide at least this many mentees (IV.6.1). */
export const MENTEES_PER_MENTOR = 5;
/** "Mỗi công dân - Một danh tính số" is about citizens from 16 (IV.6.4). */
export const IDENTITY_AGE = 16;

export const BREAKDOWNS = [
  'group',
  'sex',
  'ethnicity',
  'ethnicMinority',
  'ageBand',
  'disability',
  'poorHousehold',
  'subunit',
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export type LearnerDimension = Exclude<Breakdown, 'subunit'>;

export const TARGET_GROUPS = ['PUBLIC_SECTOR', 'STUDENT', 'ENTERPRISE_WORKER', 'CITIZEN'] as const;
export const STUDENT_LEVELS = [
  'PRIMARY',
  'LOWER_SECONDARY',
  'UPPER_SECONDARY',
  'VOCATIONAL',
  'HIGHER_EDUCATION',
] as const;
/** Ages in whole years on the period's last day: each band's lowest age. */
export const AGE_BANDS = [
  { band: '0-14', from: 0 },
  { band: '15-17', from: 15 },
  { band: '18-29', from: 18 },
  { band: '30-44', from: 30 },
  { band: '45-59', from: 45 },
  { band: '60+', from: 60 },
] as const;
export const ADULT_AGE = 18;
/** The value of a learner whose field reporting does not know. */
export const UNKNOWN = 'unknown';
export const KINH = '01';

/**
 * Every value of a dimension, `unknown` last: a breakdown always answers the same rows, so that they add
 * up to the unit's own row (ethnicity: the 54 codes of the official list, 01 Kinh to 54).
 */
export function dimensionValues(dimension: LearnerDimension): string[] {
  switch (dimension) {
    case 'group':
      return [...TARGET_GROUPS, UNKNOWN];
    case 'sex':
      return ['male', 'female', UNKNOWN];
    case 'ethnicity':
      return [...Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')), UNKNOWN];
    case 'ethnicMinority':
      return ['false', 'true', UNKNOWN];
    case 'ageBand':
      return [...AGE_BANDS.map((b) => b.band), UNKNOWN];
    case 'disability':
    case 'poorHousehold':
      return ['false', 'true', UNKNOWN];
  }
}

/** Model indicators whose unit of count is a person (mentors, citizens from 16, 4T trainees). */
export const PERSON_MODEL_INDICATORS = ['m_mentor5', 'm_identity16', 'm_4t'] as const;
/** Model indicators whose unit of count is a household (households, visits to households). */
export const HOUSEHOLD_MODEL_INDICATORS = ['m_family', 'm_visits'] as const;

/**
 * Which breakdowns an indicator has (ADR 0015): every one where a person is counted; a household's
 * poverty where a household is; only `subunit` where communes (m_desk) or class sessions are.
 */
export function breakdownApplies(indicator: IndicatorId, breakdown: Breakdown): boolean {
  if (breakdown === 'subunit') return true;
  if ([...LEARNER_INDICATORS, ...PERSON_MODEL_INDICATORS].includes(indicator as LearnerIndicator))
    return true;
  return (
    breakdown === 'poorHousehold' && (HOUSEHOLD_MODEL_INDICATORS as readonly string[]).includes(indicator)
  );
}

/** What an indicator counts, for the problem that refuses a breakdown it does not have. */
export function unitOfCount(indicator: IndicatorId): string {
  switch (indicator) {
    case 'm_desk':
      return 'communes';
    case 'm_classes_week':
      return 'class sessions';
    case 'm_family':
      return 'households';
    case 'm_visits':
      return 'visits to households';
    default:
      return 'people';
  }
}

/**
 * Model indicators whose denominator is the count of their own population (mentors, households,
 * citizens from 16), not an official figure: it splits by a trait as the numerator does.
 */
export function denominatorIsRegistered(indicator: IndicatorId): boolean {
  return indicator === 'm_family' || indicator === 'm_mentor5' || indicator === 'm_identity16';
}

/**
 * Students counted by b (section III of the plan): in 2025 lower and upper secondary, vocational and
 * higher education; from 2026 every level, primary included (and a student whose level is not recorded).
 */
export function studentLevelsInScope(year: number): string[] {
  if (year <= 2025) return ['LOWER_SECONDARY', 'UPPER_SECONDARY', 'VOCATIONAL', 'HIGHER_EDUCATION'];
  return [...STUDENT_LEVELS, UNKNOWN];
}

/**
 * The target group an indicator is about (a, b, đ), whose programme's completed courses qualify a learner
 * as a certification does; c and d are about adults and count certifications only (ADR 0008).
 */
export function groupOf(indicator: IndicatorId): (typeof TARGET_GROUPS)[number] | null {
  return ({ a: 'PUBLIC_SECTOR', b: 'STUDENT', dd: 'ENTERPRISE_WORKER' } as const)[indicator as 'a'] ?? null;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Weeks in a period, as a fraction (a quarter is about 13): the denominator of a weekly rate. */
export function weeksIn(period: { start: Date; end: Date }): number {
  return (period.end.getTime() - period.start.getTime()) / WEEK_MS;
}

/** Units with no sub-unit below `unit` (communes and wards), or the unit itself if it has none. */
export function leafCount(unit: string, children: Map<string, string[]>): number {
  const below = children.get(unit) ?? [];
  return below.length === 0 ? 1 : below.reduce((n, child) => n + leafCount(child, children), 0);
}

/** Whether the value is a share of an official denominator, or a plain count (d, m_visits, m_4t). */
export function isCount(indicator: IndicatorId): boolean {
  return indicator === 'd' || indicator === 'm_visits' || indicator === 'm_4t';
}

/**
 * Targets of the plan (section III) used when no unit has set its own. Shares apply to every unit; the
 * count target of d is the province's alone.
 */
export function planTarget(indicator: IndicatorId, year: number, isProvince: boolean): number | null {
  const byYear: Record<number, Partial<Record<IndicatorId, number>>> = {
    2025: { a: 0.8, b: 1, c: 0.8, dd: 0.8, d: 170_000 },
    2026: { a: 1, b: 1, c: 1, dd: 1, d: 250_000 },
  };
  if (indicator === 'd' && !isProvince) return null;
  return byYear[year]?.[indicator] ?? null;
}

export interface UnitNode {
  code: string;
  parentCode: string | null;
}

/**
 * A unit's denominator is the official figure entered for it, or else the sum over its sub-units (never
 * an average). Null unless every sub-unit has one: a sum over some of them would overstate the share.
 */
export function rollUpDenominator(
  unit: string,
  children: Map<string, string[]>,
  entered: Map<string, number>,
): number | null {
  const own = entered.get(unit);
  if (own !== undefined) return own;
  const below = children.get(unit) ?? [];
  if (below.length === 0) return null;
  let sum = 0;
  for (const child of below) {
    const value = rollUpDenominator(child, children, entered);
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

export function indicatorValue(
  indicator: IndicatorId,
  numerator: number,
  denominator: number | null,
): number | null {
  if (isCount(indicator)) return numerator;
  if (denominator === null || denominator === 0) return null;
  return numerator / denominator;
}

export function isMet(value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  return value >= target;
}

/** Sum of a per-unit quantity over a unit and everything below it. */
export function sumOverSubtree(
  unit: string,
  children: Map<string, string[]>,
  own: (code: string) => number,
): number {
  return (children.get(unit) ?? []).reduce(
    (sum, child) => sum + sumOverSubtree(child, children, own),
    own(unit),
  );
}

export function childrenOf(units: UnitNode[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.parentCode === null) continue;
    children.set(unit.parentCode, [...(children.get(unit.parentCode) ?? []), unit.code]);
  }
  return children;
}
