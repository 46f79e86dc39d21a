import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { UnitHierarchy } from '@bdhvs/auth';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { KnownLearnerEntity, KnownUnitEntity } from './registry.entity';

/** The only code that knows certification's view of the registry (units and learners). */
@Injectable()
export class RegistryRepository implements UnitHierarchy {
  private readonly units: EntityTable<KnownUnitEntity>;
  private readonly learners: EntityTable<KnownLearnerEntity>;

  constructor(private readonly db: Database) {
    this.units = EntityTable.of(db.dataSource, KnownUnitEntity);
    this.learners = EntityTable.of(db.dataSource, KnownLearnerEntity);
  }

  /** An add or a rename: the last announcement of a code wins. */
  async upsertUnits(tx: EntityManager, units: KnownUnitEntity[]): Promise<void> {
    if (units.length === 0) return;
    const last = new Map(units.map((u) => [u.code, u]));
    await this.units.insertMany(tx, [...last.values()], {
      onConflict: '(code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code',
    });
  }

  /** A registration or a correction; an older statement (registered and updated race) never wins. */
  async upsertLearners(tx: EntityManager, learners: KnownLearnerEntity[]): Promise<void> {
    if (learners.length === 0) return;
    const latest = new Map<string, KnownLearnerEntity>();
    for (const l of learners) {
      const seen = latest.get(l.learnerId);
      if (!seen || +seen.asOf <= +l.asOf) latest.set(l.learnerId, l);
    }
    await this.learners.insertMany(tx, [...latest.values()], {
      onConflict: `(learner_id) DO UPDATE SET unit_code = EXCLUDED.unit_code, as_of = EXCLUDED.as_of
        WHERE known_learner.as_of <= EXCLUDED.as_of`,
    });
  }

  /** Which of these learner keys the registry has announced. */
  async knownLearnerKeys(tx: EntityManager, learnerKeys: string[]): Promise<Set<string>> {
    if (learnerKeys.length === 0) return new Set();
    const rows: { key: string }[] = await tx.query(
      'SELECT learner_key AS key FROM known_learner WHERE learner_key = ANY($1)',
      [[...new Set(learnerKeys)]],
    );
    return new Set(rows.map((r) => r.key));
  }

  async findLearner(learnerId: string): Promise<KnownLearnerEntity | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.learners.select('l')} FROM known_learner l WHERE l.learner_id = $1`,
      [learnerId],
    );
    return (row as KnownLearnerEntity | undefined) ?? null;
  }

  async isWithin(unitCode: string, ancestorCode: string): Promise<boolean> {
    const [row] = await this.db.manager.query(
      `WITH RECURSIVE up(code, parent_code, depth) AS (
         SELECT code, parent_code, 0 FROM known_unit WHERE code = $1
         UNION ALL
         SELECT u.code, u.parent_code, up.depth + 1 FROM known_unit u JOIN up ON u.code = up.parent_code
          WHERE up.depth < 8)
       SELECT EXISTS (SELECT 1 FROM up WHERE code = $2) AS within`,
      [unitCode, ancestorCode],
    );
    return unitCode === ancestorCode || row.within === true;
  }
}
