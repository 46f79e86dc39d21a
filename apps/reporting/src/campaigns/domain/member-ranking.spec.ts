import { rankMembers } from './member-ranking';

describe(rankMembers.name, () => {
  it('ranks by the first figure, then the next, and lets full ties share a rank', () => {
    const ranked = rankMembers(
      [
        { id: 'b', unitCode: '03388', name: null, figures: { mentees: 5, certified: 1 } },
        { id: 'a', unitCode: '03388', name: null, figures: { mentees: 5, certified: 2 } },
        { id: 'c', unitCode: '03408', name: null, figures: { mentees: 1, certified: 0 } },
        { id: 'd', unitCode: '03408', name: null, figures: { mentees: 1, certified: 0 } },
      ],
      ['mentees', 'certified'],
    );
    expect(ranked.map((m) => [m.id, m.rank, m.score])).toEqual([
      ['a', 1, 5],
      ['b', 2, 5],
      ['c', 3, 1],
      ['d', 3, 1],
    ]);
  });
});
