/**
 * Indicator rows as the outside systems take them: a CSV table and a DHIS2 `dataValueSets` document.
 * Framework-free; the mapping to DHIS2 identifiers is configuration.
 */
export interface ExportRow {
  indicator: string;
  unitCode: string;
  period: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  target: number | null;
  met: boolean | null;
  registered: number;
  asOf: string | null;
  eventCount: number;
  breakdown?: Record<string, string>;
}

export interface Dhis2Mapping {
  dataElements?: Record<string, string>;
  orgUnits?: Record<string, string>;
  categoryOptionCombos?: Record<string, string>;
}

export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  value: string;
  categoryOptionCombo?: string;
}

const MEASURES = [
  'numerator',
  'denominator',
  'value',
  'target',
  'met',
  'registered',
  'eventCount',
  'asOf',
] as const;

/** The header and the cells of each row; a breakdown's dimensions become named columns. */
export function csvTable(rows: readonly ExportRow[]): { header: string[]; cells: (string | number)[][] } {
  const dimensions = [...new Set(rows.flatMap((r) => Object.keys(r.breakdown ?? {})))];
  const header = ['indicator', 'unitCode', 'period', ...dimensions, ...MEASURES];
  const cells = rows.map((r) => [
    r.indicator,
    r.unitCode,
    r.period,
    ...dimensions.map((d) => r.breakdown?.[d] ?? ''),
    ...MEASURES.map(
      (m) => (r[m] === null ? '' : typeof r[m] === 'boolean' ? String(r[m]) : r[m]) as string | number,
    ),
  ]);
  return { header, cells };
}

/**
 * DHIS2 computes indicators from data elements, so each row gives its numerator and, when it has one, its
 * denominator: data elements `<indicator>.numerator` and `<indicator>.denominator`, mapped to UIDs when
 * configured (else named so). A breakdown row carries its `categoryOptionCombo` (`<dimension>:<value>`,
 * mapped when configured); a sub-unit row is that sub-unit's own value.
 */
export function dhis2DataValues(rows: readonly ExportRow[], mapping: Dhis2Mapping): Dhis2DataValue[] {
  const element = (key: string) => mapping.dataElements?.[key] ?? key;
  const orgUnit = (code: string) => mapping.orgUnits?.[code] ?? code;
  const values: Dhis2DataValue[] = [];
  for (const row of rows) {
    const traits = Object.entries(row.breakdown ?? {}).filter(([dimension]) => dimension !== 'subunit');
    const combo = traits.length
      ? {
          categoryOptionCombo: traits
            .map(([d, v]) => mapping.categoryOptionCombos?.[`${d}:${v}`] ?? `${d}:${v}`)
            .join(','),
        }
      : {};
    const base = { period: row.period, orgUnit: orgUnit(row.unitCode), ...combo };
    values.push({
      dataElement: element(`${row.indicator}.numerator`),
      value: String(row.numerator),
      ...base,
    });
    if (row.denominator !== null)
      values.push({
        dataElement: element(`${row.indicator}.denominator`),
        value: String(row.denominator),
        ...base,
      });
  }
  return values;
}
