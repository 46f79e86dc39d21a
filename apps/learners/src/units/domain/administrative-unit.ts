import { parse } from 'csv-parse/sync';

/** Records keyed by the header's column names (csv-parse: quoted fields, BOM, CRLF). */
function readCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
}

export const UNIT_MAPS = ['2025', 'pre-2025'] as const;
/** The two-tier map since 1 July 2025, and the map before it (with the former districts). */
export type UnitMap = (typeof UNIT_MAPS)[number];

export const UNIT_TYPES = ['province', 'city', 'district', 'town', 'commune', 'ward', 'village'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/**
 * An administrative unit on one map. Codes of the 2025 map reuse codes of the former map, often for
 * another unit, so a unit is identified by map and code together.
 */
export interface AdministrativeUnit {
  map: UnitMap;
  code: string;
  name: string;
  shortName: string;
  type: UnitType;
  parentCode: string | null;
  /** For a former commune-level unit: the 2025 commune or ward it was merged into, whole. */
  mergedIntoCode: string | null;
  /** The GSO's own type word on the former map ("Thị trấn", ...). */
  gsoType: string | null;
  /** Item of Điều 1 of Nghị quyết 1670/NQ-UBTVQH15 that formed (2025) or merged (pre-2025) the unit. */
  resolutionItem: number | null;
  /** The document the row was read from. */
  source: string;
}

export type UnitKey = `${UnitMap}:${string}`;

export function unitKey(unit: Pick<AdministrativeUnit, 'map' | 'code'>): UnitKey {
  return `${unit.map}:${unit.code}`;
}

/** Text of the three reference files of `units/data` (see its SOURCES.md). */
export interface ReferenceUnitFiles {
  units2025: string;
  unitsPre2025: string;
  mapping: string;
}

export class ReferenceDataError extends Error {}

export const SOURCE_2025_PROVINCE = 'Công văn 915/CTK-CSCL';
export const SOURCE_2025_COMMUNES =
  'Công văn 1027/CTK-CSCL (25/06/2025), Phụ lục I; Nghị quyết 1670/NQ-UBTVQH15';
export const SOURCE_PRE_2025 = 'Danh mục ĐVHC của Tổng cục Thống kê, 01/03/2025; Nghị quyết 1670/NQ-UBTVQH15';

const CODE = /^\d{2,5}$/;
const COMMUNE_LEVEL: readonly UnitType[] = ['commune', 'ward', 'town'];

/**
 * Builds the reference units of Lai Châu from the three CSV files: the 2025 map, and the former map
 * whose communes carry the 2025 unit they were merged into. Throws on any inconsistency between them.
 */
export function referenceUnits(files: ReferenceUnitFiles): AdministrativeUnit[] {
  const current: AdministrativeUnit[] = readCsv(files.units2025).map((r) => ({
    map: '2025',
    code: r['code'],
    name: r['name'],
    shortName: r['short_name'],
    type: unitType(r['type']),
    parentCode: r['parent_code'] || null,
    mergedIntoCode: null,
    gsoType: null,
    resolutionItem: r['resolution_item'] ? Number(r['resolution_item']) : null,
    source: r['type'] === 'province' ? SOURCE_2025_PROVINCE : SOURCE_2025_COMMUNES,
  }));
  const mergedInto = new Map(readCsv(files.mapping).map((r) => [r['old_code'], r]));
  const former: AdministrativeUnit[] = readCsv(files.unitsPre2025).map((r) => {
    const merge = mergedInto.get(r['code']);
    return {
      map: 'pre-2025',
      code: r['code'],
      name: r['name'],
      shortName: r['short_name'],
      type: unitType(r['type']),
      parentCode: r['parent_code'] || null,
      mergedIntoCode: merge?.['new_code'] ?? null,
      gsoType: r['gso_type'] || null,
      resolutionItem: merge?.['resolution_item'] ? Number(merge['resolution_item']) : null,
      source: SOURCE_PRE_2025,
    };
  });
  const units = [...current, ...former];
  checkReferenceUnits(units, [...mergedInto.keys()]);
  return units;
}

function unitType(value: string): UnitType {
  if (!(UNIT_TYPES as readonly string[]).includes(value))
    throw new ReferenceDataError(`unknown unit type "${value}"`);
  return value as UnitType;
}

function checkReferenceUnits(units: AdministrativeUnit[], mappedCodes: string[]): void {
  const byKey = new Map<UnitKey, AdministrativeUnit>();
  for (const unit of units) {
    const key = unitKey(unit);
    if (byKey.has(key)) throw new ReferenceDataError(`${key} appears twice`);
    if (!CODE.test(unit.code)) throw new ReferenceDataError(`${key}: code is not 2 to 5 digits`);
    if (unit.name !== unit.name.normalize('NFC') || unit.shortName !== unit.shortName.normalize('NFC')) {
      throw new ReferenceDataError(`${key}: name is not in Unicode NFC`);
    }
    byKey.set(key, unit);
  }
  for (const unit of units) {
    const key = unitKey(unit);
    if (unit.parentCode !== null && !byKey.has(unitKey({ map: unit.map, code: unit.parentCode }))) {
      throw new ReferenceDataError(`${key}: parent ${unit.parentCode} is not on the same map`);
    }
    const isFormerCommune = unit.map === 'pre-2025' && COMMUNE_LEVEL.includes(unit.type);
    if (isFormerCommune !== (unit.mergedIntoCode !== null)) {
      throw new ReferenceDataError(`${key}: a former commune-level unit needs a mapping, and only it`);
    }
    if (unit.mergedIntoCode !== null && !byKey.has(unitKey({ map: '2025', code: unit.mergedIntoCode }))) {
      throw new ReferenceDataError(
        `${key}: merged into ${unit.mergedIntoCode}, which is not on the 2025 map`,
      );
    }
  }
  const unknown = mappedCodes.filter((code) => !byKey.has(unitKey({ map: 'pre-2025', code })));
  if (unknown.length > 0)
    throw new ReferenceDataError(`the mapping names unknown former units: ${unknown.join(', ')}`);
}

/**
 * The reference units that are new or differ from what is stored: the ones to save and to announce.
 * Stored units that are not in the reference (villages added later, say) are left alone.
 */
export function unitsToRegister(
  stored: readonly AdministrativeUnit[],
  reference: readonly AdministrativeUnit[],
): AdministrativeUnit[] {
  const byKey = new Map(stored.map((unit) => [unitKey(unit), unit]));
  return reference.filter((unit) => {
    const before = byKey.get(unitKey(unit));
    // A unit a province-admin renamed keeps its new name: the reference files never undo it.
    if (before && isManual(before)) return false;
    return !before || !sameUnit(before, unit);
  });
}

/** `source` of a unit added or renamed through the API: who did it. */
export const MANUAL_SOURCE_PREFIX = 'province-admin:';

export function isManual(unit: Pick<AdministrativeUnit, 'source'>): boolean {
  return unit.source.startsWith(MANUAL_SOURCE_PREFIX);
}

export interface UnitProblem {
  field: string;
  message: string;
}

/**
 * A village (thôn, bản, tổ dân phố) of the 2025 map: its code is its commune's or ward's code followed
 * by two digits, so it never collides with a GSO code.
 */
export function villageProblems(
  input: { code: string; name: string; shortName?: string; parentCode: string },
  parent: AdministrativeUnit | null,
): UnitProblem[] {
  const problems: UnitProblem[] = [];
  if (!parent || parent.map !== '2025' || (parent.type !== 'commune' && parent.type !== 'ward')) {
    problems.push({ field: 'parentCode', message: 'parentCode must be a commune or ward of the 2025 map' });
  }
  if (!/^\d{7}$/.test(input.code) || !input.code.startsWith(input.parentCode)) {
    problems.push({ field: 'code', message: 'code must be the parent code followed by two digits' });
  }
  problems.push(...unitNameProblems(input.name, input.shortName));
  return problems;
}

/** A name, and a short name when one is given, that still say something once spaces are trimmed. */
export function unitNameProblems(name: string, shortName: string | undefined): UnitProblem[] {
  const blank = (text: string) => text.normalize('NFC').trim().length === 0;
  const problems: UnitProblem[] = [];
  if (blank(name)) problems.push({ field: 'name', message: 'name must not be empty' });
  if (shortName !== undefined && blank(shortName))
    problems.push({ field: 'shortName', message: 'shortName must not be empty' });
  return problems;
}

/** The unit under its new name (NFC), marked as changed by a province-admin. */
export function renamedUnit(
  unit: AdministrativeUnit,
  name: string,
  shortName: string | undefined,
  by: string,
): AdministrativeUnit {
  const clean = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ');
  return {
    ...unit,
    name: clean(name),
    shortName: clean(shortName ?? name),
    source: `${MANUAL_SOURCE_PREFIX}${by}`,
  };
}

function sameUnit(a: AdministrativeUnit, b: AdministrativeUnit): boolean {
  return (Object.keys(b) as (keyof AdministrativeUnit)[]).every((field) => a[field] === b[field]);
}
