import { householdStatus } from './household';

describe('householdStatus', () => {
  it('is digital once at least one member is certified', () => {
    expect(householdStatus([])).toBe('not-yet');
    expect(householdStatus([{ learnerId: 'a', certified: false }])).toBe('not-yet');
    expect(
      householdStatus([
        { learnerId: 'a', certified: false },
        { learnerId: 'b', certified: true },
      ]),
    ).toBe('digital');
  });
});
