import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '@bdhvs/service-runtime';
import { AdministrativeUnit, UnitMap, unitKey } from './domain/administrative-unit';
import { AdministrativeUnitEntity } from './administrative-unit.entity';

/** The only code that knows the administrative_unit table. */
@Injectable()
export class AdministrativeUnitRepository {
  constructor(private readonly db: Database) {}

  /** The stored units among the given (map, code) pairs. */
  async findMany(
    tx: EntityManager,
    keys: readonly Pick<AdministrativeUnit, 'map' | 'code'>[],
  ): Promise<AdministrativeUnit[]> {
    if (keys.length === 0) return [];
    const wanted = new Set(keys.map(unitKey));
    const rows = await tx
      .getRepository(AdministrativeUnitEntity)
      .find({ where: { code: In([...new Set(keys.map((k) => k.code))]) } });
    return rows.map(toDomain).filter((unit) => wanted.has(unitKey(unit)));
  }

  async upsert(tx: EntityManager, units: readonly AdministrativeUnit[]): Promise<void> {
    if (units.length === 0) return;
    await tx.getRepository(AdministrativeUnitEntity).upsert([...units], ['map', 'code']);
  }

  /** One map's units, optionally only the children of one unit, sorted by code (as text). */
  async list(map: UnitMap, parentCode?: string): Promise<AdministrativeUnit[]> {
    const rows = await this.db.manager
      .getRepository(AdministrativeUnitEntity)
      .find({ where: { map, ...(parentCode === undefined ? {} : { parentCode }) } });
    return rows.map(toDomain).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** Whether a unit of the 2025 map is the ancestor or lies below it (villages included). */
  async isWithin(unitCode: string, ancestorCode: string): Promise<boolean> {
    if (unitCode === ancestorCode) return true;
    const rows: unknown[] = await this.db.manager.query(
      `WITH RECURSIVE up AS (
         SELECT code, parent_code, 0 AS depth FROM administrative_unit WHERE map = '2025' AND code = $1
         UNION ALL
         SELECT u.code, u.parent_code, up.depth + 1 FROM administrative_unit u JOIN up ON u.code = up.parent_code
         WHERE u.map = '2025' AND up.depth < 10
       ) SELECT 1 FROM up WHERE code = $2 LIMIT 1`,
      [unitCode, ancestorCode],
    );
    return rows.length > 0;
  }

  /** The codes of a unit of the 2025 map and of every unit below it. */
  async codesWithin(ancestorCode: string): Promise<string[]> {
    const rows: { code: string }[] = await this.db.manager.query(
      `WITH RECURSIVE sub AS (
         SELECT code, 0 AS depth FROM administrative_unit WHERE map = '2025' AND code = $1
         UNION ALL
         SELECT u.code, sub.depth + 1 FROM administrative_unit u JOIN sub ON u.parent_code = sub.code
         WHERE u.map = '2025' AND sub.depth < 10
       ) SELECT code FROM sub`,
      [ancestorCode],
    );
    return rows.map((r) => r.code);
  }
}

function toDomain(row: AdministrativeUnitEntity): AdministrativeUnit {
  return {
    map: row.map,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    type: row.type,
    parentCode: row.parentCode,
    mergedIntoCode: row.mergedIntoCode,
    gsoType: row.gsoType,
    resolutionItem: row.resolutionItem,
    source: row.source,
  };
}
