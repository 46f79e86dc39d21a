import { formerDistrictOfCommunes } from './former-map';

const commune = (code: string, parentCode: string, mergedIntoCode: string) => ({
  code,
  type: 'commune',
  parentCode,
  mergedIntoCode,
});

describe('formerDistrictOfCommunes', () => {
  it('puts a 2025 commune in the district of its former communes', () => {
    const assigned = formerDistrictOfCommunes([
      { code: '105', type: 'city', parentCode: '12', mergedIntoCode: null },
      commune('03386', '105', '03388'),
      commune('03389', '105', '03388'),
    ]);
    expect(assigned).toEqual(new Map([['03388', '105']]));
  });

  it('puts a commune straddling districts where most of it came from, ties to the lowest code', () => {
    const assigned = formerDistrictOfCommunes([
      commune('1', '106', 'A'),
      commune('2', '107', 'A'),
      commune('3', '107', 'A'),
      commune('4', '109', 'B'),
      commune('5', '108', 'B'),
    ]);
    expect(assigned.get('A')).toBe('107');
    expect(assigned.get('B')).toBe('108');
  });
});
