import {
  AdministrativeUnit,
  ReferenceDataError,
  isManual,
  referenceUnits,
  renamedUnit,
  unitsToRegister,
  villageProblems,
} from './administrative-unit';

const province: AdministrativeUnit = {
  map: '2025',
  code: '12',
  name: 'Tỉnh Lai Châu',
  shortName: 'Lai Châu',
  type: 'province',
  parentCode: null,
  mergedIntoCode: null,
  gsoType: null,
  resolutionItem: null,
  source: 'Công văn 915/CTK-CSCL',
};
const ward: AdministrativeUnit = {
  ...province,
  code: '03388',
  name: 'Phường Đoàn Kết',
  shortName: 'Đoàn Kết',
  type: 'ward',
  parentCode: '12',
};
const formerWard: AdministrativeUnit = {
  ...ward,
  map: 'pre-2025',
  name: 'Phường Quyết Tiến',
  mergedIntoCode: '03388',
};

describe('unitsToRegister', () => {
  it('registers every unit into an empty store', () =>
    expect(unitsToRegister([], [province, ward, formerWard])).toEqual([province, ward, formerWard]));

  it('registers nothing when the same data is loaded again', () =>
    expect(unitsToRegister([formerWard, ward, province], [province, ward, formerWard])).toEqual([]));

  it('registers a unit whose name, parent or merge target changed', () => {
    const renamed = { ...ward, name: 'Phường Đoàn Kết Mới' };
    const remapped = { ...formerWard, mergedIntoCode: '03408' };
    expect(unitsToRegister([province, ward, formerWard], [province, renamed, remapped])).toEqual([
      renamed,
      remapped,
    ]);
  });

  it('tells apart units that share a code on the two maps', () =>
    expect(unitsToRegister([ward], [ward, formerWard])).toEqual([formerWard]));

  it('leaves stored units that are not reference data alone', () => {
    const village: AdministrativeUnit = { ...ward, code: '0338801', type: 'village', parentCode: '03388' };
    expect(unitsToRegister([province, village], [province])).toEqual([]);
  });
});

describe('referenceUnits', () => {
  const units2025 =
    'code,name,short_name,type,parent_code,resolution_item\n12,Tỉnh Lai Châu,Lai Châu,province,,\n03388,Phường Đoàn Kết,Đoàn Kết,ward,12,36\n';
  const unitsPre2025 =
    'code,name,short_name,type,gso_type,parent_code\n12,Tỉnh Lai Châu,Lai Châu,province,Tỉnh,\n105,Thành phố Lai Châu,Lai Châu,city,Thành phố,12\n03388,Phường Quyết Tiến,Quyết Tiến,ward,Phường,105\n';
  const mapping = 'old_code,new_code,resolution_item\n03388,03388,36\n';

  it('builds both maps, the former communes carrying their 2025 unit', () => {
    const units = referenceUnits({ units2025, unitsPre2025, mapping });
    expect(units.map((u) => [u.map, u.code, u.mergedIntoCode, u.resolutionItem])).toEqual([
      ['2025', '12', null, null],
      ['2025', '03388', null, 36],
      ['pre-2025', '12', null, null],
      ['pre-2025', '105', null, null],
      ['pre-2025', '03388', '03388', 36],
    ]);
    expect(units[4]).toMatchObject({ gsoType: 'Phường', parentCode: '105', name: 'Phường Quyết Tiến' });
  });

  it('refuses a former commune without a mapping', () =>
    expect(() =>
      referenceUnits({ units2025, unitsPre2025, mapping: 'old_code,new_code,resolution_item\n' }),
    ).toThrow(ReferenceDataError));

  it('refuses a mapping to a unit missing from the 2025 map', () =>
    expect(() =>
      referenceUnits({
        units2025,
        unitsPre2025,
        mapping: 'old_code,new_code,resolution_item\n03388,03999,36\n',
      }),
    ).toThrow('merged into 03999, which is not on the 2025 map'));

  it('refuses a name that is not NFC', () => {
    const decomposed = units2025.replace('Đoàn Kết', 'Đoàn Kết'.normalize('NFD'));
    expect(() => referenceUnits({ units2025: decomposed, unitsPre2025, mapping })).toThrow(
      'not in Unicode NFC',
    );
  });

  it('refuses an unknown unit type', () =>
    expect(() =>
      referenceUnits({ units2025: units2025.replace(',ward,', ',hamlet,'), unitsPre2025, mapping }),
    ).toThrow('unknown unit type'));
});

describe('villages and renames', () => {
  const commune: AdministrativeUnit = {
    map: '2025',
    code: '03388',
    name: 'Phường Đoàn Kết',
    shortName: 'Đoàn Kết',
    type: 'ward',
    parentCode: '12',
    mergedIntoCode: null,
    gsoType: null,
    resolutionItem: null,
    source: 'Công văn 1027/CTK-CSCL',
  };

  it('wants a village code made of its commune code and two digits, under a commune or ward', () => {
    expect(villageProblems({ code: '0338801', name: 'Bản Nà Nọi', parentCode: '03388' }, commune)).toEqual(
      [],
    );
    expect(
      villageProblems({ code: '0339001', name: 'Bản Nà Nọi', parentCode: '03388' }, commune).map(
        (p) => p.field,
      ),
    ).toEqual(['code']);
    expect(
      villageProblems({ code: '0338801', name: ' ', parentCode: '03388' }, null).map((p) => p.field),
    ).toEqual(['parentCode', 'name']);
    expect(
      villageProblems(
        { code: '0338801', name: 'Bản Nà Nọi', shortName: ' \t', parentCode: '03388' },
        commune,
      ).map((p) => p.field),
    ).toEqual(['shortName']);
  });

  it('keeps a renamed unit when the reference files are loaded again', () => {
    const renamed = renamedUnit(commune, 'Phường Đoàn Kết (mới)'.normalize('NFD'), undefined, 'admin');
    expect(renamed).toMatchObject({
      name: 'Phường Đoàn Kết (mới)',
      shortName: 'Phường Đoàn Kết (mới)',
      source: 'province-admin:admin',
    });
    expect(isManual(renamed)).toBe(true);
    expect(unitsToRegister([renamed], [commune])).toEqual([]);
    expect(unitsToRegister([{ ...commune, name: 'old' }], [commune])).toEqual([commune]);
  });
});
