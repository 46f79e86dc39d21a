import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AdministrativeUnit } from './domain/administrative-unit';
import { readReferenceUnitFiles, readReferenceUnits, referenceUnitsDir } from './reference-unit-files';

/** Records keyed by the header's column names (csv-parse: quoted fields, BOM, CRLF). */
function readCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
}

describe('Lai Châu reference units', () => {
  const units = readReferenceUnits();
  const onMap = (map: AdministrativeUnit['map']) => units.filter((u) => u.map === map);
  const count = (list: AdministrativeUnit[], type: AdministrativeUnit['type']) =>
    list.filter((u) => u.type === type).length;

  it('finds the files beside the source here and in units-data/ beside a bundle', () => {
    expect(referenceUnitsDir()).toBe(join(__dirname, 'data'));
    expect(() => referenceUnitsDir(join(__dirname, 'domain'))).toThrow('reference unit files not found');
    expect(
      readdirSync(join(__dirname, 'data'))
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    ).toEqual(['lai-chau-units-2025.csv', 'lai-chau-units-mapping.csv', 'lai-chau-units-pre-2025.csv']);
  });

  it('has the province, 36 communes and 2 wards on the 2025 map', () => {
    const current = onMap('2025');
    expect(current).toHaveLength(39);
    expect([count(current, 'province'), count(current, 'commune'), count(current, 'ward')]).toEqual([
      1, 36, 2,
    ]);
    expect(current.find((u) => u.type === 'province')).toMatchObject({
      code: '12',
      name: 'Tỉnh Lai Châu',
      parentCode: null,
    });
    expect(current.filter((u) => u.type !== 'province').every((u) => u.parentCode === '12')).toBe(true);
  });

  it('has the province, 8 former districts and 106 former communes on the pre-2025 map', () => {
    const former = onMap('pre-2025');
    expect(former).toHaveLength(115);
    expect(count(former, 'province')).toBe(1);
    expect(count(former, 'district') + count(former, 'city')).toBe(8);
    expect([count(former, 'ward'), count(former, 'town'), count(former, 'commune')]).toEqual([5, 7, 94]);
  });

  it('maps every former commune to a commune or ward of the 2025 map', () => {
    const current = new Map(onMap('2025').map((u) => [u.code, u]));
    const formerCommunes = onMap('pre-2025').filter((u) => ['commune', 'ward', 'town'].includes(u.type));
    expect(formerCommunes).toHaveLength(106);
    for (const unit of formerCommunes) {
      expect(['commune', 'ward']).toContain(current.get(unit.mergedIntoCode ?? '')?.type);
    }
    expect(
      onMap('pre-2025')
        .filter((u) => u.mergedIntoCode === null)
        .map((u) => u.code)
        .sort(),
    ).toEqual(['105', '106', '107', '108', '109', '110', '111', '112', '12']);
    expect(onMap('2025').every((u) => u.mergedIntoCode === null)).toBe(true);
  });

  it('keeps codes that reuse a former code apart by map', () => {
    const byKey = (map: AdministrativeUnit['map'], code: string) =>
      units.find((u) => u.map === map && u.code === code);
    expect(byKey('pre-2025', '03388')).toMatchObject({ name: 'Phường Quyết Tiến', mergedIntoCode: '03388' });
    expect(byKey('2025', '03388')).toMatchObject({ name: 'Phường Đoàn Kết', type: 'ward' });
    expect(byKey('pre-2025', '03390')).toMatchObject({
      name: 'Thị trấn Tam Đường',
      type: 'town',
      gsoType: 'Thị trấn',
    });
    expect(byKey('2025', '03390')).toMatchObject({ name: 'Xã Bình Lư', type: 'commune' });
  });

  it('keeps leading zeros and writes names in Unicode NFC', () => {
    expect(units.every((u) => /^\d{2,5}$/.test(u.code))).toBe(true);
    expect(units.filter((u) => u.code.startsWith('0')).length).toBe(38 + 106);
    expect(
      units.every((u) => u.name === u.name.normalize('NFC') && u.shortName === u.shortName.normalize('NFC')),
    ).toBe(true);
    expect(units.find((u) => u.map === 'pre-2025' && u.code === '03442')?.name).toBe('Xã Pa ủ');
  });

  it('takes every row of the files, verbatim', () => {
    const files = readReferenceUnitFiles();
    expect(readCsv(files.units2025).map((r) => r['name'])).toEqual(onMap('2025').map((u) => u.name));
    expect(readCsv(files.mapping)).toHaveLength(106);
  });
});
