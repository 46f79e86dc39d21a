/**
 * Province and city codes that open a 12-digit citizen ID (Thông tư 07/2016/TT-BCA as amended in 2021):
 * the place of birth registration. Lai Châu is 012.
 */
export const BIRTH_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '001',
  '002',
  '004',
  '006',
  '008',
  '010',
  '011',
  '012',
  '014',
  '015',
  '017',
  '019',
  '020',
  '022',
  '024',
  '025',
  '026',
  '027',
  '030',
  '031',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '040',
  '042',
  '044',
  '045',
  '046',
  '048',
  '049',
  '051',
  '052',
  '054',
  '056',
  '058',
  '060',
  '062',
  '064',
  '066',
  '067',
  '068',
  '070',
  '072',
  '074',
  '075',
  '077',
  '079',
  '080',
  '082',
  '083',
  '084',
  '086',
  '087',
  '089',
  '091',
  '092',
  '093',
  '094',
  '095',
  '096',
]);

export type Sex = 'male' | 'female';

export interface CitizenIdProblem {
  field: 'citizenId';
  message: string;
}

/**
 * The 4th digit encodes century and sex (0 male / 1 female born 1900-1999, 2 / 3 for the 2000s, 4 / 5 the
 * 2100s, ...), the 5th and 6th the last two digits of the birth year. Messages never repeat the ID.
 */
export function citizenIdProblems(
  citizenId: string,
  dateOfBirth: string | undefined,
  sex: Sex | undefined,
): CitizenIdProblem[] {
  const problem = (message: string): CitizenIdProblem[] => [{ field: 'citizenId', message }];
  if (!/^\d{12}$/.test(citizenId)) return problem('citizenId must be exactly 12 digits');
  if (!BIRTH_PROVINCE_CODES.has(citizenId.slice(0, 3))) {
    return problem('citizenId must start with a birth-province code of the 2021 list (001 to 096)');
  }
  const genderDigit = Number(citizenId[3]);
  const century = 1900 + Math.floor(genderDigit / 2) * 100;
  const idSex: Sex = genderDigit % 2 === 0 ? 'male' : 'female';
  const idYear = century + Number(citizenId.slice(4, 6));
  if (sex && idSex !== sex) return problem(`citizenId's 4th digit says ${idSex}, which does not match sex`);
  const birthYear = dateOfBirth && /^\d{4}-/.test(dateOfBirth) ? Number(dateOfBirth.slice(0, 4)) : null;
  if (birthYear !== null && (birthYear < century || birthYear > century + 99)) {
    return problem("citizenId's 4th digit gives another century than dateOfBirth");
  }
  if (birthYear !== null && birthYear !== idYear)
    return problem("citizenId's 5th and 6th digits do not match the year of dateOfBirth");
  return [];
}

/** "001203000089" -> "0012******89": the first 4 and the last 2 digits. */
export function maskCitizenId(citizenId: string): string {
  return citizenId.slice(0, 4) + '*'.repeat(Math.max(0, citizenId.length - 6)) + citizenId.slice(-2);
}

/** A valid ID for the given person (synthetic data, tests and the benchmark); `serial` is the last 6 digits. */
export function composeCitizenId(
  provinceCode: string,
  sex: Sex,
  dateOfBirth: string,
  serial: number,
): string {
  const year = Number(dateOfBirth.slice(0, 4));
  const genderDigit = Math.floor((year - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0);
  return `${provinceCode}${genderDigit}${String(year % 100).padStart(2, '0')}${String(serial % 1_000_000).padStart(6, '0')}`;
}
