import { AdministrativeUnit } from './domain/administrative-unit';
import { unitRegistered } from './unit.events';

const unit = (overrides: Partial<AdministrativeUnit>): AdministrativeUnit => ({
  map: '2025',
  code: '03388',
  name: 'Phường Đoàn Kết',
  shortName: 'Đoàn Kết',
  type: 'ward',
  parentCode: '12',
  mergedIntoCode: null,
  gsoType: null,
  resolutionItem: null,
  source: 'test',
  ...overrides,
});

describe('unitRegistered', () => {
  it('announces a village on village-registered, keyed by map and code', () => {
    const event = unitRegistered(
      unit({
        code: '0338801',
        name: 'Bản Nà Nọi',
        shortName: 'Nà Nọi',
        type: 'village',
        parentCode: '03388',
      }),
    );
    expect(event).toEqual({
      topic: 'learners.village-registered.v1',
      key: '2025:0338801',
      subject: '2025:0338801',
      data: {
        map: '2025',
        code: '0338801',
        name: 'Bản Nà Nọi',
        shortName: 'Nà Nọi',
        type: 'village',
        parentCode: '03388',
      },
    });
  });

  it('announces a 2025 unit on unit-registered without a merge, a former one with it', () => {
    expect(unitRegistered(unit({})).data).toEqual({
      map: '2025',
      code: '03388',
      name: 'Phường Đoàn Kết',
      shortName: 'Đoàn Kết',
      type: 'ward',
      parentCode: '12',
    });
    const former = unitRegistered(unit({ map: 'pre-2025', parentCode: '105', mergedIntoCode: '03388' }));
    expect(former).toMatchObject({ topic: 'learners.unit-registered.v1', key: 'pre-2025:03388' });
    expect(former.data).toMatchObject({ mergedIntoCode: '03388' });
  });
});
