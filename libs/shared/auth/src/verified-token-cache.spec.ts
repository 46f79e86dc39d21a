import { VerifiedTokenCache } from './jwt.strategy';

describe('VerifiedTokenCache', () => {
  const officer = { sub: 'alice', roles: ['unit-officer' as const], unit: '03388' };
  let clock = 1_000_000;
  const now = () => clock;

  it('keeps an actor until the token expires, and never past its own maximum age', () => {
    const cache = new VerifiedTokenCache(10, 60_000, now);
    cache.set('short', officer, (clock + 5_000) / 1000);
    cache.set('long', officer, (clock + 3_600_000) / 1000);
    cache.set('no-exp', officer);
    expect(cache.get('short')).toEqual(officer);
    clock += 5_000;
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('long')).toEqual(officer);
    clock += 55_000;
    expect(cache.get('long')).toBeUndefined();
    expect(cache.get('no-exp')).toBeUndefined();
  });

  it('does not keep a token that has already expired', () => {
    const cache = new VerifiedTokenCache(10, 60_000, now);
    cache.set('old', officer, (clock - 1) / 1000);
    expect(cache.get('old')).toBeUndefined();
  });

  it('lets the oldest entry go once full', () => {
    const cache = new VerifiedTokenCache(2, 60_000, now);
    cache.set('a', officer);
    cache.set('b', officer);
    cache.set('c', officer);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, officer, officer]);
  });
});
