import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { AdministrativeUnit, UnitMap } from './domain/administrative-unit';
import { AdministrativeUnitEntity } from './administrative-unit.entity';

/** A unit of the 2025 map and every unit below it (villages included): the one walk of the tree. */
const SUBTREE_2025 = `WITH RECURSIVE sub AS (
    SELECT code, 0 AS depth FROM administrative_unit WHERE map = '2025' AND code = $1
    UNION ALL
    SELECT u.code, sub.depth + 1 FROM administrative_unit u JOIN sub ON u.parent_code = sub.code
    WHERE u.map = '2025' AND sub.depth < 10
  )`;

/** Serialises reference registrations across replicas that start together, so a unit is announced once. */
const REFERENCE_REGISTRATION_LOCK = 7_420_250_702;

/** The only code that knows the administrative_unit table. */
@Injectable()
export class AdministrativeUnitRepository {
  private readonly table: EntityTable<AdministrativeUnitEntity>;

  constructor(private readonly db: Database) {
    this.table = EntityTable.of(db.dataSource, AdministrativeUnitEntity);
  }

  /** Held until the transaction ends. */
  async lockReferenceRegistration(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [REFERENCE_REGISTRATION_LOCK]);
  }

  /** The stored units among the given (map, code) pairs. */
  async findMany(
    tx: EntityManager,
    keys: readonly Pick<AdministrativeUnit, 'map' | 'code'>[],
  ): Promise<AdministrativeUnit[]> {
    if (keys.length === 0) return [];
    const rows: AdministrativeUnitEntity[] = await tx.query(
      `SELECT ${this.table.select('u')} FROM administrative_unit u
       WHERE (u.map, u.code) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [keys.map((k) => k.map), keys.map((k) => k.code)],
    );
    return rows.map(toDomain);
  }

  /** One statement for any number of units; a stored unit takes the new values. */
  async upsert(tx: EntityManager, units: readonly AdministrativeUnit[]): Promise<void> {
    await this.table.insertMany(tx, units, {
      onConflict: `(map, code) DO UPDATE SET name = EXCLUDED.name, short_name = EXCLUDED.short_name,
         type = EXCLUDED.type, parent_code = EXCLUDED.parent_code, merged_into_code = EXCLUDED.merged_into_code,
         gso_type = EXCLUDED.gso_type, resolution_item = EXCLUDED.resolution_item, source = EXCLUDED.source`,
    });
  }

  /** One map's units, optionally only the children of one unit, sorted by code (as text). */
  async list(map: UnitMap, parentCode?: string): Promise<AdministrativeUnit[]> {
    const rows: AdministrativeUnitEntity[] = await this.db.manager.query(
      `SELECT ${this.table.select('u')} FROM administrative_unit u
       WHERE u.map = $1 AND ($2::text IS NULL OR u.parent_code = $2)`,
      [map, parentCode ?? null],
    );
    return rows.map(toDomain).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** Whether a unit of the 2025 map is the ancestor or lies below it (villages included). */
  async isWithin(unitCode: string, ancestorCode: string): Promise<boolean> {
    if (unitCode === ancestorCode) return true;
    const rows: unknown[] = await this.db.manager.query(
      `${SUBTREE_2025} SELECT 1 FROM sub WHERE code = $2 LIMIT 1`,
      [ancestorCode, unitCode],
    );
    return rows.length > 0;
  }

  /** The codes of a unit of the 2025 map and of every unit below it. */
  async codesWithin(ancestorCode: string): Promise<string[]> {
    const rows: { code: string }[] = await this.db.manager.query(`${SUBTREE_2025} SELECT code FROM sub`, [
      ancestorCode,
    ]);
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
