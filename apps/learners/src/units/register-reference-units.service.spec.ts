import type { EntityManager } from 'typeorm';
import type { OutgoingEvent, Outbox } from '@bdhvs/messaging';
import type { Database } from '@bdhvs/service-runtime';
import type { UnitRegisteredV1 } from '@bdhvs/events';
import { AdministrativeUnit, unitKey } from './domain/administrative-unit';
import { AdministrativeUnitRepository } from './administrative-unit.repository';
import { RegisterReferenceUnitsService } from './register-reference-units.service';
import { readReferenceUnits } from './reference-unit-files';

class InMemoryUnits {
  readonly rows = new Map<string, AdministrativeUnit>();
  readonly lockReferenceRegistration = async () => undefined;
  async findMany(_tx: EntityManager, keys: readonly Pick<AdministrativeUnit, 'map' | 'code'>[]) {
    return keys.flatMap((k) => this.rows.get(unitKey(k)) ?? []).map((u) => ({ ...u }));
  }
  async upsert(_tx: EntityManager, units: readonly AdministrativeUnit[]) {
    for (const unit of units) this.rows.set(unitKey(unit), { ...unit });
  }
}

class InMemoryOutbox {
  readonly events: OutgoingEvent<UnitRegisteredV1>[] = [];
  async enqueueAll(_tx: EntityManager, events: OutgoingEvent<UnitRegisteredV1>[]) {
    this.events.push(...events);
    return events.map((_, i) => String(i));
  }
}

describe(RegisterReferenceUnitsService.name, () => {
  const reference = readReferenceUnits();
  let units: InMemoryUnits;
  let outbox: InMemoryOutbox;
  let sut: RegisterReferenceUnitsService;

  beforeEach(() => {
    units = new InMemoryUnits();
    outbox = new InMemoryOutbox();
    const tx = { query: async () => [] } as unknown as EntityManager;
    const db = {
      transaction: <T>(work: (tx: EntityManager) => Promise<T>) => work(tx),
    } as unknown as Database;
    sut = new RegisterReferenceUnitsService(
      db,
      units as unknown as AdministrativeUnitRepository,
      outbox as unknown as Outbox,
    );
  });

  it('saves and announces every reference unit on the first load', async () => {
    await sut.register(reference);
    expect(units.rows.size).toBe(39 + 115);
    expect(outbox.events).toHaveLength(39 + 115);
    expect(outbox.events.find((e) => e.key === 'pre-2025:03388')).toMatchObject({
      topic: 'learners.unit-registered.v1',
      data: {
        map: 'pre-2025',
        code: '03388',
        name: 'Phường Quyết Tiến',
        type: 'ward',
        parentCode: '105',
        mergedIntoCode: '03388',
      },
    });
    expect(outbox.events.find((e) => e.key === '2025:12')?.data).toEqual({
      map: '2025',
      code: '12',
      name: 'Tỉnh Lai Châu',
      shortName: 'Lai Châu',
      type: 'province',
      parentCode: null,
    });
  });

  it('announces nothing when the same data is loaded again', async () => {
    await sut.register(reference);
    outbox.events.length = 0;
    await expect(sut.register(reference)).resolves.toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it('announces only the unit that changed', async () => {
    await sut.register(reference);
    outbox.events.length = 0;
    const renamed = reference.map((u) =>
      unitKey(u) === '2025:03388' ? { ...u, name: 'Phường Đoàn Kết (mới)' } : u,
    );
    await sut.register(renamed);
    expect(outbox.events.map((e) => [e.key, e.data.name])).toEqual([['2025:03388', 'Phường Đoàn Kết (mới)']]);
  });
});
