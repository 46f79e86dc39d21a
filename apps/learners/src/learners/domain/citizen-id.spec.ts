import { BIRTH_PROVINCE_CODES, citizenIdProblems, composeCitizenId, maskCitizenId } from './citizen-id';

describe('citizenIdProblems', () => {
  it('accepts an ID whose province, century, sex and year agree with the person', () => {
    expect(citizenIdProblems('012080012345', '1980-01-31', 'male')).toEqual([]);
    expect(citizenIdProblems('012180012345', '1980-01-31', 'female')).toEqual([]);
    expect(citizenIdProblems('001205012345', '2005-06-01', 'male')).toEqual([]);
    expect(citizenIdProblems('096305012345', '2005-06-01', 'female')).toEqual([]);
    expect(citizenIdProblems('012400012345', '2100-01-01', 'male')).toEqual([]);
  });

  it('refuses anything but 12 digits', () => {
    for (const id of ['01208001234', '0120800123456', '01208001234a', '']) {
      expect(citizenIdProblems(id, '1980-01-31', 'male')).toEqual([
        { field: 'citizenId', message: 'citizenId must be exactly 12 digits' },
      ]);
    }
  });

  it('refuses a birth-province code outside the 2021 list', () => {
    for (const code of ['000', '003', '097', '999']) {
      expect(citizenIdProblems(`${code}080012345`, '1980-01-31', 'male')[0].message).toContain(
        'birth-province code',
      );
    }
    expect(BIRTH_PROVINCE_CODES.size).toBe(63);
    expect(BIRTH_PROVINCE_CODES.has('012')).toBe(true);
  });

  it('refuses a 4th digit that gives the other sex or another century', () => {
    expect(citizenIdProblems('012180012345', '1980-01-31', 'male')[0].message).toContain('says female');
    expect(citizenIdProblems('012280012345', '1980-01-31', 'male')[0].message).toContain('another century');
    expect(citizenIdProblems('012005012345', '2005-01-31', 'male')[0].message).toContain('another century');
  });

  it('refuses 5th and 6th digits other than the birth year', () => {
    expect(citizenIdProblems('012081012345', '1980-01-31', 'male')[0].message).toContain(
      '5th and 6th digits',
    );
  });

  it('never repeats the ID in a message', () => {
    const id = '999181012345';
    expect(JSON.stringify(citizenIdProblems(id, '1980-01-31', 'male'))).not.toContain(id);
  });
});

describe('maskCitizenId', () => {
  it('keeps the first 4 and the last 2 digits', () => {
    expect(maskCitizenId('001203000089')).toBe('0012******89');
  });
});

describe('composeCitizenId', () => {
  it('makes IDs the rules accept', () => {
    const id = composeCitizenId('012', 'female', '2007-04-01', 42);
    expect(id).toBe('012307000042');
    expect(citizenIdProblems(id, '2007-04-01', 'female')).toEqual([]);
  });
});
