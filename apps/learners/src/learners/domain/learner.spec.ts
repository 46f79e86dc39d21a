import {
  CHANGED,
  Learner,
  RegistrationContext,
  ageBandOf,
  ageOn,
  awaitsCompletion,
  birthDatesOfAgeBand,
  checkRegistration,
  completeSeenLearner,
  erased,
  historyChanges,
  indicatorChanges,
  isElderly,
  newLearner,
  normaliseName,
  seenLearner,
  vietnamDate,
} from './learner';

const ctx: RegistrationContext = {
  today: '2025-10-01',
  ethnicities: new Set(['01', '03', '08']),
  communes: new Set(['03388', '03390']),
  villages: new Map([['0338801', '03388']]),
};
const valid = {
  citizenId: '012180012345',
  fullName: 'Lò Thị Mai',
  dateOfBirth: '1980-01-31',
  sex: 'female' as const,
  ethnicity: '03',
  unitCode: '03388',
  groups: ['CITIZEN' as const],
};

describe('checkRegistration', () => {
  it('accepts a valid registration and stores the name in NFC', () => {
    const nfd = 'Lò Thị Mai'.normalize('NFD');
    expect(nfd).not.toBe('Lò Thị Mai');
    const result = checkRegistration({ ...valid, fullName: ` ${nfd}  ` }, ctx);
    expect(result).toEqual({ registration: { ...valid, fullName: 'Lò Thị Mai' } });
  });

  it('names each bad field', () => {
    const result = checkRegistration(
      {
        ...valid,
        citizenId: '12',
        dateOfBirth: '2026-01-01',
        unitCode: '99999',
        ethnicity: '77',
        groups: ['STUDENT'],
        villageCode: '0339001',
      },
      ctx,
    );
    expect('problems' in result && result.problems.map((p) => p.field).sort()).toEqual([
      'citizenId',
      'dateOfBirth',
      'ethnicity',
      'studentLevel',
      'unitCode',
      'villageCode',
    ]);
  });

  it('refuses a date of birth in the future, or not a real date', () => {
    expect(
      checkRegistration({ ...valid, dateOfBirth: '2025-10-02', citizenId: '012125012345' }, ctx),
    ).toEqual({
      problems: [{ field: 'dateOfBirth', message: 'dateOfBirth must not be in the future' }],
    });
    expect('problems' in checkRegistration({ ...valid, dateOfBirth: '1980-02-30' }, ctx)).toBe(true);
  });

  it('wants a student level with STUDENT and only with it; several groups are fine', () => {
    expect(
      'registration' in
        checkRegistration({ ...valid, groups: ['STUDENT', 'CITIZEN'], studentLevel: 'VOCATIONAL' }, ctx),
    ).toBe(true);
    expect(checkRegistration({ ...valid, studentLevel: 'PRIMARY' }, ctx)).toEqual({
      problems: [{ field: 'studentLevel', message: 'studentLevel is only for the STUDENT group' }],
    });
    expect('problems' in checkRegistration({ ...valid, groups: [] }, ctx)).toBe(true);
  });

  it('takes a village of the commune', () => {
    expect('registration' in checkRegistration({ ...valid, villageCode: '0338801' }, ctx)).toBe(true);
  });
});

describe('ages', () => {
  it('counts whole years on a day; elderly from 60', () => {
    expect(ageOn('2007-04-01', '2025-03-31')).toBe(17);
    expect(ageOn('2007-04-01', '2025-04-01')).toBe(18);
    expect(isElderly('1965-10-01', '2025-10-01')).toBe(true);
    expect(isElderly('1965-10-02', '2025-10-01')).toBe(false);
    expect([ageBandOf(15), ageBandOf(16), ageBandOf(18), ageBandOf(60)]).toEqual([
      '0-15',
      '16-17',
      '18-59',
      '60+',
    ]);
  });

  it('gives the birth dates of an age band on a day', () => {
    expect(birthDatesOfAgeBand('16-17', '2025-10-01')).toEqual({ from: '2007-10-02', to: '2009-10-01' });
    expect(birthDatesOfAgeBand('60+', '2025-10-01')).toEqual({ from: null, to: '1965-10-01' });
    expect(birthDatesOfAgeBand('18-59', '2024-02-29')).toEqual({ from: '1964-03-01', to: '2006-02-28' });
  });

  it("takes today's date in Vietnam", () => {
    expect(vietnamDate(new Date('2025-03-31T17:00:00Z'))).toBe('2025-04-01');
  });
});

describe('changes', () => {
  const learner: Learner = newLearner(valid, {
    id: 'l1',
    learnerKey: 'a'.repeat(64),
    registeredBy: 'x',
    now: new Date('2025-10-01T00:00:00Z'),
  });

  it('keeps personal data out of the history, other fields with before and after', () => {
    const after = {
      ...learner,
      fullName: 'Lò Thị Mai Anh',
      groups: ['CITIZEN', 'PUBLIC_SECTOR'] as Learner['groups'],
    };
    expect(historyChanges(learner, after)).toEqual({
      before: { fullName: CHANGED, groups: ['CITIZEN'] },
      after: { fullName: CHANGED, groups: ['CITIZEN', 'PUBLIC_SECTOR'] },
    });
    expect(indicatorChanges(learner, after)).toEqual({
      before: { groups: ['CITIZEN'] },
      after: { groups: ['CITIZEN', 'PUBLIC_SECTOR'] },
    });
  });

  it('erases personal data, keeping unit, birth year, groups and sex', () => {
    const gone = erased(learner, new Date('2025-11-01T00:00:00Z'));
    expect(gone).toMatchObject({
      citizenId: null,
      fullName: null,
      dateOfBirth: null,
      ethnicity: null,
      unitCode: '03388',
      birthYear: 1980,
      groups: ['CITIZEN'],
      sex: 'female',
      learnerKey: 'a'.repeat(64),
    });
    expect(gone.erasedAt).toEqual(new Date('2025-11-01T00:00:00Z'));
  });

  it('normalises names to NFC and single spaces', () => {
    expect(normaliseName('  Lò   Văn Pấu '.normalize('NFD'))).toBe('Lò Văn Pấu');
  });
});

describe('learners VNeID made known', () => {
  const now = new Date('2025-10-01T00:00:00Z');
  const seen = {
    citizenId: '012180012345',
    fullName: '  Lò  Thị Mai ',
    dateOfBirth: '1980-01-31',
    unitCode: '03388',
  };

  it('keeps identity, birth date and unit, the sex from the citizen ID, and awaits completion', () => {
    const result = seenLearner(seen, { id: 'l1', learnerKey: 'a'.repeat(64), now });
    if (!('learner' in result)) throw new Error(result.problem);
    expect(result.learner).toMatchObject({
      fullName: 'Lò Thị Mai',
      birthYear: 1980,
      sex: 'female',
      groups: [],
      unitCode: '03388',
      source: 'VNEID',
      completedAt: null,
      registeredBy: 'vneid',
    });
    expect(awaitsCompletion(result.learner)).toBe(true);
  });

  it('names the field that cannot be a person', () => {
    expect(seenLearner({ ...seen, citizenId: '12345' }, { id: 'l1', learnerKey: 'k', now })).toEqual({
      problem: 'citizenId: must be exactly 12 digits',
    });
    expect(seenLearner({ ...seen, dateOfBirth: '1980-02-30' }, { id: 'l1', learnerKey: 'k', now })).toEqual({
      problem: 'dateOfBirth: must be a valid date YYYY-MM-DD',
    });
  });

  it("is completed by an officer's registration under the same id and key", () => {
    const result = seenLearner(seen, { id: 'l1', learnerKey: 'a'.repeat(64), now });
    if (!('learner' in result)) throw new Error(result.problem);
    const later = new Date('2025-11-01T00:00:00Z');
    const completed = completeSeenLearner(result.learner, valid, { registeredBy: 'officer', now: later });
    expect(completed).toMatchObject({
      id: 'l1',
      learnerKey: 'a'.repeat(64),
      groups: valid.groups,
      ethnicity: '03',
      source: 'VNEID',
      completedAt: later,
      registeredBy: 'officer',
      registeredAt: now,
    });
    expect(awaitsCompletion(completed)).toBe(false);
    expect(awaitsCompletion(newLearner(valid, { id: 'l2', learnerKey: 'b', registeredBy: 'x', now }))).toBe(
      false,
    );
  });
});
