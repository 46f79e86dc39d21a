import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitRegisteredV1 } from '@bdhvs/events';
import { UnitHierarchy } from '@bdhvs/auth';
import { Database, EntityTable, SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { AdministrativeUnitEntity } from './administrative-unit.entity';
import { ReportingConfig } from '../config/reporting-config';
import { FormerUnit } from './domain/former-map';

export interface UnitRow {
  code: string;
  name: string;
  type: string;
  parentCode: string | null;
}

/** Today's (2025) map of units, as published by the learners service. */
@Injectable()
export class UnitHierarchyRepository implements UnitHierarchy {
  private readonly table: EntityTable<AdministrativeUnitEntity>;

  constructor(
    private readonly db: Database,
    @Inject(SERVICE_CONFIG) private readonly config: ReportingConfig,
  ) {
    this.table = EntityTable.of(db.dataSource, AdministrativeUnitEntity);
  }

  get provinceCode(): string {
    return this.config.PROVINCE_CODE;
  }

  /** One statement for a batch; a unit renamed twice in it keeps its last name. */
  async upsertAll(tx: EntityManager, units: UnitRegisteredV1[]): Promise<void> {
    const last = new Map(units.map((u) => [`${u.map}|${u.code}`, u]));
    await this.table.insertMany(
      tx,
      [...last.values()].map((u) => ({
        map: u.map,
        code: u.code,
        name: u.name,
        type: u.type,
        parentCode: u.parentCode,
        mergedIntoCode: u.mergedIntoCode ?? null,
      })),
      {
        onConflict:
          '(map, code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, parent_code = EXCLUDED.parent_code, merged_into_code = EXCLUDED.merged_into_code',
      },
    );
  }

  async find(code: string): Promise<UnitRow | null> {
    const rows = await this.db.manager.query(
      `SELECT code, name, type, parent_code AS "parentCode" FROM administrative_unit WHERE map = '2025' AND code = $1`,
      [code],
    );
    return rows[0] ?? null;
  }

  /** Every unit of the former (pre-2025) map, with the 2025 commune each former commune became part of. */
  async formerMap(): Promise<FormerUnit[]> {
    return this.db.manager.query(
      `SELECT code, type, parent_code AS "parentCode", merged_into_code AS "mergedIntoCode"
       FROM administrative_unit WHERE map = 'pre-2025'`,
    );
  }

  /** The unit and everything below it. */
  async subtree(code: string): Promise<UnitRow[]> {
    return this.db.manager.query(
      `WITH RECURSIVE sub AS (
         SELECT code, name, type, parent_code FROM administrative_unit WHERE map = '2025' AND code = $1
         UNION ALL
         SELECT u.code, u.name, u.type, u.parent_code FROM administrative_unit u JOIN sub ON u.parent_code = sub.code
         WHERE u.map = '2025'
       ) SELECT code, name, type, parent_code AS "parentCode" FROM sub`,
      [code],
    );
  }

  async isWithin(unitCode: string, ancestorCode: string): Promise<boolean> {
    return (await this.upwardsFrom(unitCode)).includes(ancestorCode);
  }

  /** The unit, its parent, and so on up to the province. */
  async upwardsFrom(unitCode: string): Promise<string[]> {
    const rows: { code: string }[] = await this.db.manager.query(
      `WITH RECURSIVE up AS (
         SELECT code, parent_code, 0 AS depth FROM administrative_unit WHERE map = '2025' AND code = $1
         UNION ALL
         SELECT u.code, u.parent_code, up.depth + 1 FROM administrative_unit u JOIN up ON u.code = up.parent_code
         WHERE u.map = '2025' AND up.depth < 10
       ) SELECT code FROM up ORDER BY depth`,
      [unitCode],
    );
    return rows.map((r) => r.code);
  }
}
