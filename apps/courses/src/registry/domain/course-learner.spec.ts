import { LearnerChange, ageOn, foldLearner } from './course-learner';

const ID = '5b0f6c1e-0000-4000-8000-000000000001';
const change = (kind: LearnerChange['kind'], at: string, fields: LearnerChange['fields']): LearnerChange => ({
  sourceEventId: `${kind}-${at}`,
  learnerId: ID,
  learnerKey: 'a'.repeat(64),
  kind,
  changedAt: new Date(at),
  fields,
});

describe('foldLearner', () => {
  const registered = change('registered', '2025-02-01T00:00:00Z', {
    unitCode: '03388',
    groups: ['CITIZEN'],
    studentLevel: null,
    ethnicity: '08',
    disability: true,
    dateOfBirth: '1950-05-01',
    birthYear: 1950,
  });

  it('applies corrections after the registration whatever order they arrived in', () => {
    const corrected = change('updated', '2025-03-01T00:00:00Z', {
      unitCode: '03408',
      groups: ['CITIZEN', 'STUDENT'],
    });
    for (const order of [
      [registered, corrected],
      [corrected, registered],
    ]) {
      expect(foldLearner(order)).toMatchObject({
        unitCode: '03408',
        groups: ['CITIZEN', 'STUDENT'],
        ethnicity: '08',
        registeredAt: new Date('2025-02-01T00:00:00Z'),
      });
    }
  });

  it('keeps an erased learner known, without what the registry erased', () => {
    const erased = change('updated', '2025-04-01T00:00:00Z', { unitCode: '03388', erased: true });
    expect(foldLearner([registered, erased])).toMatchObject({
      erased: true,
      ethnicity: null,
      disability: null,
      dateOfBirth: null,
      birthYear: 1950,
      groups: ['CITIZEN'],
    });
  });

  it('counts age in whole years on a Vietnam date, from the birth year when the date was erased', () => {
    expect(ageOn({ dateOfBirth: '1965-10-10', birthYear: 1965 }, '2025-10-09')).toBe(59);
    expect(ageOn({ dateOfBirth: '1965-10-10', birthYear: 1965 }, '2025-10-10')).toBe(60);
    expect(ageOn({ dateOfBirth: null, birthYear: 1965 }, '2025-12-30')).toBe(59);
    expect(ageOn({ dateOfBirth: null, birthYear: null }, '2025-12-30')).toBeNull();
  });
});
