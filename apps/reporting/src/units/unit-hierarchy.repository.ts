import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitRegisteredV1 } from '@bdhvs/events';
import { UnitHierarchy } from '@bdhvs/auth';
import { Database, SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { ReportingConfig } from '../config/reporting-config';

export interface UnitRow {
  code: string;
  name: string;
  type: string;
  parentCode: string | null;
}

/** Today's (2025) map of units, as published by the learners service. */
@Injectable()
export class UnitHierarchyRepository implements UnitHierarchy {
  constructor(
    private readonly db: Database,
    @Inject(SERVICE_CONFIG) private readonly config: ReportingConfig,
  ) {}

  get provinceCode(): string {
    return this.config.PROVINCE_CODE;
  }

  async upsert(tx: EntityManager, unit: UnitRegisteredV1): Promise<void> {
    await tx.query(
      `INSERT INTO administrative_unit (map, code, name, type, parent_code) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (map, code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, parent_code = EXCLUDED.parent_code`,
      [unit.map, unit.code, unit.name, unit.type, unit.parentCode],
    );
  }

  async find(code: string): Promise<UnitRow | null> {
    const rows = await this.db.manager.query(
      `SELECT code, name, type, parent_code AS "parentCode" FROM administrative_unit WHERE map = '2025' AND code = $1`,
      [code],
    );
    return rows[0] ?? null;
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
    const rows = await this.db.manager.query(
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
}
