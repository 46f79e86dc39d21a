import {
  BREAKDOWNS,
  breakdownApplies,
  denominatorIsRegistered,
  dimensionValues,
  indicatorValue,
  isMet,
  planTarget,
  rollUpDenominator,
  studentLevelsInScope,
} from './indicator';
import { currentYearPeriod, latestBirthDateForAge, parsePeriod } from './period';

describe('parsePeriod', () => {
  it('bounds a quarter in Vietnam time', () => {
    const q1 = parsePeriod('2025Q1');
    expect(q1?.start.toISOString()).toBe('2024-12-31T17:00:00.000Z');
    expect(q1?.end.toISOString()).toBe('2025-03-31T17:00:00.000Z');
    expect(q1?.lastDay).toBe('2025-03-31');
  });

  it('puts 2025-04-01T00:00:00+07:00 in Q2, not Q1', () => {
    const instant = new Date('2025-04-01T00:00:00+07:00');
    expect(instant < (parsePeriod('2025Q1')?.end as Date)).toBe(false);
    expect(instant >= (parsePeriod('2025Q2')?.start as Date)).toBe(true);
  });

  it('reads years and half-years', () => {
    expect(parsePeriod('2025')?.lastDay).toBe('2025-12-31');
    expect(parsePeriod('2025S1')?.lastDay).toBe('2025-06-30');
    expect(parsePeriod('2026S2')?.end.toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('refuses anything else', () => {
    for (const bad of ['2025Q5', '2025S3', '25', '2025W1', '2025-Q1', ''])
      expect(parsePeriod(bad)).toBeNull();
  });

  it('names the current year in Vietnam time', () => {
    expect(currentYearPeriod(new Date('2025-12-31T17:30:00Z'))).toBe('2026');
  });
});

describe('latestBirthDateForAge', () => {
  it('makes someone born 2007-04-01 17 at the end of 2025Q1 and 18 at the end of 2025Q2', () => {
    expect('2007-04-01' <= latestBirthDateForAge('2025-03-31', 18)).toBe(false);
    expect('2007-04-01' <= latestBirthDateForAge('2025-06-30', 18)).toBe(true);
  });

  it('on 29 February, takes 28 February of a year without it as the latest birth date', () => {
    // 2006-02-29 does not exist: whoever was born 2006-02-28 is 18 on 2024-02-29, 2006-03-01 not yet.
    expect(latestBirthDateForAge('2024-02-29', 18)).toBe('2006-02-28');
    expect(latestBirthDateForAge('2024-02-29', 20)).toBe('2004-02-29');
  });

  it('counts a birthday on 29 February from 1 March in other years', () => {
    // Born 2008-02-29: not yet 17 on 2025-02-28, 17 on 2025-03-01.
    expect('2008-02-29' <= latestBirthDateForAge('2025-02-28', 17)).toBe(false);
    expect('2008-02-29' <= latestBirthDateForAge('2025-03-01', 17)).toBe(true);
  });
});

describe('rollUpDenominator', () => {
  const children = new Map([
    ['12', ['A', 'B']],
    ['A', ['A1', 'A2']],
  ]);

  it('sums the sub-units when the unit has no figure of its own', () => {
    expect(
      rollUpDenominator(
        '12',
        children,
        new Map([
          ['A1', 100],
          ['A2', 50],
          ['B', 30],
        ]),
      ),
    ).toBe(180);
  });

  it("prefers the unit's own official figure", () => {
    expect(
      rollUpDenominator(
        '12',
        children,
        new Map([
          ['12', 1000],
          ['B', 30],
        ]),
      ),
    ).toBe(1000);
  });

  it('is null when nothing below has a figure', () =>
    expect(rollUpDenominator('12', children, new Map())).toBeNull());

  it('is null while a sub-unit lacks its figure, rather than overstating the share', () => {
    expect(
      rollUpDenominator(
        '12',
        children,
        new Map([
          ['A1', 100],
          ['B', 30],
        ]),
      ),
    ).toBeNull();
    expect(
      rollUpDenominator(
        'A',
        children,
        new Map([
          ['A1', 100],
          ['A2', 5],
        ]),
      ),
    ).toBe(105);
  });
});

describe('indicator values', () => {
  it('divides shares, counts d, and has no share without a denominator', () => {
    expect(indicatorValue('c', 40, 50)).toBe(0.8);
    expect(indicatorValue('c', 40, null)).toBeNull();
    expect(indicatorValue('d', 40, null)).toBe(40);
  });

  it('compares with the plan target', () => {
    expect(planTarget('c', 2025, false)).toBe(0.8);
    expect(planTarget('d', 2026, true)).toBe(250_000);
    expect(planTarget('d', 2026, false)).toBeNull();
    expect(isMet(0.8, 0.8)).toBe(true);
    expect(isMet(0.79, 0.8)).toBe(false);
    expect(isMet(null, 0.8)).toBeNull();
  });
});

describe('breakdowns', () => {
  it('answers every value of a dimension, unknown last', () => {
    expect(dimensionValues('sex')).toEqual(['male', 'female', 'unknown']);
    const ethnicity = dimensionValues('ethnicity');
    expect(ethnicity).toHaveLength(55);
    expect(ethnicity[0]).toBe('01');
    expect(ethnicity[53]).toBe('54');
    expect(dimensionValues('ageBand')).toEqual([
      '0-14',
      '15-17',
      '18-29',
      '30-44',
      '45-59',
      '60+',
      'unknown',
    ]);
    expect(dimensionValues('group')).toContain('ENTERPRISE_WORKER');
  });

  it('splits households by unit and poverty, people by every trait, communes and sessions by unit only', () => {
    expect(breakdownApplies('m_family', 'subunit')).toBe(true);
    expect(breakdownApplies('m_family', 'sex')).toBe(false);
    expect(breakdownApplies('m_family', 'poorHousehold')).toBe(true);
    expect(breakdownApplies('m_visits', 'poorHousehold')).toBe(true);
    expect(breakdownApplies('m_visits', 'ageBand')).toBe(false);
    expect(breakdownApplies('a', 'ageBand')).toBe(true);
    for (const indicator of ['m_mentor5', 'm_identity16', 'm_4t'] as const)
      for (const breakdown of BREAKDOWNS) expect(breakdownApplies(indicator, breakdown)).toBe(true);
    for (const indicator of ['m_desk', 'm_classes_week'] as const)
      expect(BREAKDOWNS.filter((b) => breakdownApplies(indicator, b))).toEqual(['subunit']);
  });

  it('splits the denominator of a model indicator that counts its own population, not an official one', () => {
    expect(denominatorIsRegistered('m_mentor5')).toBe(true);
    expect(denominatorIsRegistered('m_identity16')).toBe(true);
    expect(denominatorIsRegistered('m_desk')).toBe(false);
    expect(denominatorIsRegistered('a')).toBe(false);
  });

  it('counts secondary and higher students in 2025, every level from 2026', () => {
    expect(studentLevelsInScope(2025)).not.toContain('PRIMARY');
    expect(studentLevelsInScope(2025)).toContain('VOCATIONAL');
    expect(studentLevelsInScope(2026)).toEqual(expect.arrayContaining(['PRIMARY', 'unknown']));
  });
});
