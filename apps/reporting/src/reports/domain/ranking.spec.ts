import { rankUnits } from './ranking';

describe('rankUnits', () => {
  it('orders by mean capped progress, ties sharing a rank, units without figures last', () => {
    const ranked = rankUnits([
      { indicator: 'c', unitCode: 'A', value: 0.4, target: 0.8 },
      { indicator: 'a', unitCode: 'A', value: 1, target: 0.8 },
      { indicator: 'c', unitCode: 'B', value: 0.7, target: 0.8 },
      { indicator: 'c', unitCode: 'C', value: 0.6, target: 0.8 },
      { indicator: 'c', unitCode: 'D', value: null, target: 0.8 },
    ]);
    expect(ranked.map((r) => [r.unitCode, r.rank, r.score])).toEqual([
      ['B', 1, 0.875],
      ['A', 2, 0.75],
      ['C', 2, 0.75],
      ['D', 4, null],
    ]);
    expect(ranked[1].progress).toHaveLength(2);
  });
});
