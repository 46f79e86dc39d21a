import { LearnerChange, foldProfile } from './learner-profile';

const KEY = 'a'.repeat(64);
const ID = '5b0f6c1e-0000-4000-8000-000000000001';

function registered(at: string, fields: LearnerChange['fields'] = {}): LearnerChange {
  return {
    sourceEventId: `r-${at}`,
    learnerKey: KEY,
    learnerId: ID,
    kind: 'registered',
    changedAt: new Date(at),
    fields: {
      unitCode: '03388',
      dateOfBirth: '1990-05-01',
      birthYear: 1990,
      sex: 'female',
      ethnicity: '02',
      disability: false,
      poorHousehold: true,
      groups: ['CITIZEN'],
      studentLevel: null,
      householdId: null,
      ...fields,
    },
  };
}

function updated(at: string, fields: LearnerChange['fields']): LearnerChange {
  return { ...registered(at), sourceEventId: `u-${at}`, kind: 'updated', fields };
}

describe('foldProfile', () => {
  it('is null without changes', () => {
    expect(foldProfile([])).toBeNull();
  });

  it('applies corrections after the registration whatever order they arrived in', () => {
    const changes = [
      updated('2025-03-01T00:00:00Z', { unitCode: '03408', groups: ['PUBLIC_SECTOR', 'CITIZEN'] }),
      registered('2025-02-01T00:00:00Z'),
      updated('2025-04-01T00:00:00Z', { unitCode: '03408', sex: 'male' }),
    ];
    for (const order of [changes, [...changes].reverse()]) {
      const profile = foldProfile(order);
      expect(profile).toMatchObject({
        unitCode: '03408',
        groups: ['PUBLIC_SECTOR', 'CITIZEN'],
        sex: 'male',
        ethnicity: '02',
        registeredAt: new Date('2025-02-01T00:00:00Z'),
        changedAt: new Date('2025-04-01T00:00:00Z'),
        erased: false,
      });
    }
  });

  it('keeps an erased learner anonymous but counted', () => {
    const profile = foldProfile([
      registered('2025-02-01T00:00:00Z'),
      updated('2025-05-01T00:00:00Z', {
        unitCode: '03388',
        dateOfBirth: null,
        ethnicity: null,
        disability: null,
        poorHousehold: null,
        erased: true,
      }),
    ]);
    expect(profile).toMatchObject({
      unitCode: '03388',
      birthYear: 1990,
      sex: 'female',
      dateOfBirth: null,
      ethnicity: null,
      poorHousehold: null,
      erased: true,
    });
  });

  it('knows a learner from a correction alone, registered since then', () => {
    const profile = foldProfile([updated('2025-03-01T00:00:00Z', { unitCode: '03408', sex: 'male' })]);
    expect(profile).toMatchObject({ unitCode: '03408', sex: 'male', groups: [] });
    expect(profile?.registeredAt).toEqual(new Date('2025-03-01T00:00:00Z'));
  });
});
