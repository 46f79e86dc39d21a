/** Indicators of section III of the plan that this service computes from events so far. */
export const COMPUTED_INDICATORS = ['c', 'd'] as const;
export type ComputedIndicator = (typeof COMPUTED_INDICATORS)[number];
export const ALL_INDICATORS = ['a', 'b', 'c', 'd', 'dd'] as const;
export type IndicatorId = (typeof ALL_INDICATORS)[number];

/** Whether the value is a share of an official denominator, or a plain count (d). */
export function isCount(indicator: IndicatorId): boolean {
  return indicator === 'd';
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
