/** A unit of the former (pre-2025) map: a district, town or city, or a former commune merged on 1 July 2025. */
export interface FormerUnit {
  code: string;
  type: string;
  parentCode: string | null;
  /** For a former commune: the 2025 commune it was merged into. */
  mergedIntoCode: string | null;
}

const DISTRICT_TYPES = new Set(['district', 'town', 'city']);

export function isFormerDistrict(unit: FormerUnit): boolean {
  return DISTRICT_TYPES.has(unit.type);
}

/**
 * The former district each 2025 commune counts in. A learner is known by their 2025 commune only, and most
 * 2025 communes merge several former ones, so former communes cannot be told apart; a 2025 commune whose
 * former communes lay in several districts counts in the district that gave most of them (ties: the
 * lowest district code). Each 2025 commune counts in exactly one district, so districts add up to the
 * province.
 */
export function formerDistrictOfCommunes(units: readonly FormerUnit[]): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  for (const unit of units) {
    if (!unit.mergedIntoCode || !unit.parentCode) continue;
    const byDistrict = votes.get(unit.mergedIntoCode) ?? new Map<string, number>();
    byDistrict.set(unit.parentCode, (byDistrict.get(unit.parentCode) ?? 0) + 1);
    votes.set(unit.mergedIntoCode, byDistrict);
  }
  const assigned = new Map<string, string>();
  for (const [commune, byDistrict] of votes) {
    const [district] = [...byDistrict].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0];
    assigned.set(commune, district);
  }
  return assigned;
}
