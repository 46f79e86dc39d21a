import { checkVisit } from './team';

const now = new Date('2025-10-10T05:00:00Z');
const team = { unitCode: '03388' };

describe(checkVisit.name, () => {
  it('accepts a past visit to a household of the team’s commune with known learners', () =>
    expect(
      checkVisit(team, { visitedAt: now, learnerIds: ['l-1'] }, { unitCode: '03388' }, new Set(['l-1']), now),
    ).toEqual([]));

  it('names the household outside the team’s unit, a future visit and an unknown learner', () =>
    expect(
      checkVisit(
        team,
        { visitedAt: new Date(now.getTime() + 1), learnerIds: ['l-1', 'l-2'] },
        { unitCode: '03408' },
        new Set(['l-1']),
        now,
      ).map((p) => p.field),
    ).toEqual(['householdId', 'visitedAt', 'learnerIds.1']));

  it('names an unknown household', () =>
    expect(checkVisit(team, { visitedAt: now, learnerIds: [] }, null, new Set(), now)).toEqual([
      expect.objectContaining({ field: 'householdId' }),
    ]));
});
