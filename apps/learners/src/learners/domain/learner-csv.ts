import { FieldProblem, LearnerRegistration, StudentLevel, TargetGroup, VneidStatus } from './learner';
import type { Sex } from './citizen-id';

/** CSV columns: the fields of registerLearner. */
export const REQUIRED_COLUMNS = [
  'citizenId',
  'fullName',
  'dateOfBirth',
  'sex',
  'unitCode',
  'groups',
] as const;
export const OPTIONAL_COLUMNS = [
  'ethnicity',
  'villageCode',
  'householdId',
  'studentLevel',
  'disability',
  'poorHousehold',
  'employer',
  'school',
  'vneidStatus',
  'digitalBankAccount',
] as const;
const KNOWN: ReadonlySet<string> = new Set([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

export interface HeaderProblems {
  missing: string[];
  unknown: string[];
  repeated: string[];
}

/** The header's problems, or null when it is usable. */
export function headerProblems(header: readonly string[]): HeaderProblems | null {
  const names = header.map((h) => h.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !KNOWN.has(n));
  const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  return missing.length + unknown.length + repeated.length === 0 ? null : { missing, unknown, repeated };
}

const TRUE = new Set(['true', '1', 'yes', 'x', 'có']);
const FALSE = new Set(['false', '0', 'no', 'không']);

/**
 * One CSV record (values by column) as a registration: empty cell = absent, groups separated by ';',
 * booleans true/false (also 1/0, yes/no). Only the shape is checked here; checkRegistration does the rules.
 */
export function registrationFromRow(
  row: Readonly<Record<string, string | undefined>>,
): { registration: LearnerRegistration } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (field: string): string | undefined => {
    const value = row[field]?.trim();
    return value ? value : undefined;
  };
  const flag = (field: string): boolean | undefined => {
    const value = text(field)?.toLowerCase();
    if (value === undefined) return undefined;
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    problems.push({ field, message: `${field} must be true or false` });
    return undefined;
  };
  for (const field of REQUIRED_COLUMNS)
    if (text(field) === undefined) problems.push({ field, message: `${field} is required` });
  const householdId = text('householdId');
  if (
    householdId !== undefined &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(householdId)
  ) {
    problems.push({ field: 'householdId', message: 'householdId must be a UUID' });
  }
  const registration: LearnerRegistration = {
    citizenId: text('citizenId') ?? '',
    fullName: text('fullName') ?? '',
    dateOfBirth: text('dateOfBirth') ?? '',
    sex: (text('sex')?.toLowerCase() ?? '') as Sex,
    unitCode: text('unitCode') ?? '',
    groups: (text('groups') ?? '')
      .split(';')
      .map((g) => g.trim().toUpperCase())
      .filter(Boolean) as TargetGroup[],
  };
  const optional: Partial<LearnerRegistration> = {
    ethnicity: text('ethnicity'),
    villageCode: text('villageCode'),
    householdId: householdId?.toLowerCase(),
    studentLevel: text('studentLevel')?.toUpperCase() as StudentLevel | undefined,
    disability: flag('disability'),
    poorHousehold: flag('poorHousehold'),
    employer: text('employer'),
    school: text('school'),
    vneidStatus: text('vneidStatus') as VneidStatus | undefined,
    digitalBankAccount: flag('digitalBankAccount'),
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) (registration as unknown as Record<string, unknown>)[key] = value;
  return problems.length > 0 ? { problems } : { registration };
}
