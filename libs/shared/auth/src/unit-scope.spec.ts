import { actorFromClaims } from './actor';
import { OutsideUnitError, UnitHierarchy, assertUnitInScope, defaultUnit } from './unit-scope';

const tree: Record<string, string | null> = { '12': null, '03388': '12', '03408': '12', '0338801': '03388' };
const hierarchy: UnitHierarchy = {
  async isWithin(unit, ancestor) {
    for (let u: string | null | undefined = unit; u; u = tree[u]) if (u === ancestor) return true;
    return false;
  },
};

describe('assertUnitInScope', () => {
  it('lets a unit officer reach their unit and the units below it', async () => {
    const officer = { sub: 'o', roles: ['unit-officer' as const], unit: '03388' };
    await expect(assertUnitInScope(officer, '03388', hierarchy)).resolves.toBeUndefined();
    await expect(assertUnitInScope(officer, '0338801', hierarchy)).resolves.toBeUndefined();
  });

  it("refuses another commune and the province to a commune's officer", async () => {
    const officer = { sub: 'o', roles: ['unit-officer' as const], unit: '03388' };
    await expect(assertUnitInScope(officer, '03408', hierarchy)).rejects.toThrow(OutsideUnitError);
    await expect(assertUnitInScope(officer, '12', hierarchy)).rejects.toThrow(OutsideUnitError);
  });

  it('does not bound a province-wide caller', async () => {
    await expect(
      assertUnitInScope({ sub: 'a', roles: ['province-admin'] }, '03408', hierarchy),
    ).resolves.toBeUndefined();
    expect(defaultUnit({ sub: 'a', roles: ['province-admin'] }, '12')).toBe('12');
  });
});

describe('actorFromClaims', () => {
  it('keeps known roles and the unit', () => {
    expect(actorFromClaims({ sub: 's', roles: ['unit-officer', 'root'], unit: '03388' })).toEqual({
      sub: 's',
      roles: ['unit-officer'],
      unit: '03388',
    });
  });

  it('refuses claims without sub or roles', () => {
    expect(actorFromClaims({ roles: [] })).toBeNull();
    expect(actorFromClaims({ sub: 's' })).toBeNull();
  });

  it('refuses an empty subject and one longer than OpenID Connect allows (255)', () => {
    expect(actorFromClaims({ sub: '', roles: [] })).toBeNull();
    expect(actorFromClaims({ sub: 'x'.repeat(256), roles: [] })).toBeNull();
    expect(actorFromClaims({ sub: 'x'.repeat(255), roles: [] })).toEqual({ sub: 'x'.repeat(255), roles: [] });
  });
});
