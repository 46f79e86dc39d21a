import { headerProblems, registrationFromRow } from './learner-csv';

describe('headerProblems', () => {
  it('accepts the registerLearner fields in any order', () => {
    expect(
      headerProblems(['groups', 'unitCode', 'sex', 'dateOfBirth', 'fullName', 'citizenId', 'ethnicity']),
    ).toBeNull();
  });

  it('names missing, unknown and repeated columns', () => {
    expect(headerProblems(['citizenId', 'fullName', 'birthday', 'sex', 'unitCode', 'groups', 'sex'])).toEqual(
      {
        missing: ['dateOfBirth'],
        unknown: ['birthday'],
        repeated: ['sex'],
      },
    );
  });
});

describe('registrationFromRow', () => {
  const row = {
    citizenId: '012180012345',
    fullName: 'Lò Thị Mai',
    dateOfBirth: '1980-01-31',
    sex: 'female',
    unitCode: '03388',
    groups: 'CITIZEN',
  };

  it('splits groups on ";" and leaves empty cells absent', () => {
    expect(
      registrationFromRow({
        ...row,
        groups: 'PUBLIC_SECTOR; CITIZEN',
        ethnicity: '',
        disability: 'true',
        employer: '',
      }),
    ).toEqual({
      registration: { ...row, groups: ['PUBLIC_SECTOR', 'CITIZEN'], disability: true },
    });
  });

  it('names a missing required cell and a bad boolean', () => {
    expect(registrationFromRow({ ...row, fullName: '', poorHousehold: 'maybe' })).toEqual({
      problems: [
        { field: 'fullName', message: 'fullName is required' },
        { field: 'poorHousehold', message: 'poorHousehold must be true or false' },
      ],
    });
  });
});
