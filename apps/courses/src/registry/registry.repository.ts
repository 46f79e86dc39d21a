import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { UnitHierarchy } from '@bdhvs/auth';
import { Database, EntityTable, lockKeys } from '@bdhvs/service-runtime';
import { CourseLearner, LearnerChange } from './domain/course-learner';
import { AdministrativeUnitEntity, LearnerChangeEntity, LearnerEntity } from './registry.entity';

export interface Unit {
  code: string;
  name: string;
  type: string;
  parentCode: string | null;
}

/** The only code that knows the courses service's view of the registry: learners and units. */
@Injectable()
export class RegistryRepository implements UnitHierarchy {
  private readonly changes: EntityTable<LearnerChangeEntity>;
  private readonly learners: EntityTable<LearnerEntity>;
  private readonly units: EntityTable<AdministrativeUnitEntity>;

  constructor(private readonly db: Database) {
    this.changes = EntityTable.of(db.dataSource, LearnerChangeEntity);
    this.learners = EntityTable.of(db.dataSource, LearnerEntity);
    this.units = EntityTable.of(db.dataSource, AdministrativeUnitEntity);
  }

  /**
   * One learner's registry events, progress reports and attendance are applied one transaction at a
   * time: a report that waits for its learner cannot slip past the learner's arrival.
   */
  lockLearners(tx: EntityManager, learnerIds: readonly string[]): Promise<void> {
    return lockKeys(tx, learnerIds);
  }

  async recordChanges(tx: EntityManager, changes: LearnerChange[]): Promise<void> {
    await this.changes.insertMany(tx, changes, { onConflict: '(source_event_id) DO NOTHING' });
  }

  async changesOf(tx: EntityManager, learnerIds: string[]): Promise<LearnerChange[]> {
    return tx.query(
      `SELECT ${this.changes.select('c')} FROM learner_change c WHERE c.learner_id = ANY($1::uuid[])`,
      [learnerIds],
    );
  }

  /** After an erasure, the stored history keeps nothing the registry erased either. */
  async scrubErased(tx: EntityManager, learnerIds: string[]): Promise<void> {
    if (learnerIds.length === 0) return;
    await tx.query(
      `UPDATE learner_change SET fields = fields - ARRAY['dateOfBirth', 'ethnicity', 'disability']
        WHERE learner_id = ANY($1::uuid[])`,
      [learnerIds],
    );
  }

  async saveLearners(tx: EntityManager, learners: CourseLearner[]): Promise<void> {
    const set = [
      'learner_key',
      'unit_code',
      'groups',
      'student_level',
      'ethnicity',
      'disability',
      'date_of_birth',
      'birth_year',
      'erased',
      'registered_at',
      'changed_at',
    ]
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ');
    await this.learners.insertMany(tx, learners, { onConflict: `(learner_id) DO UPDATE SET ${set}` });
  }

  /** The learners known among these ids, by id. */
  async findLearners(
    manager: EntityManager,
    learnerIds: readonly string[],
  ): Promise<Map<string, CourseLearner>> {
    if (learnerIds.length === 0) return new Map();
    const rows: CourseLearner[] = await manager.query(
      `SELECT ${this.learners.select('l')} FROM learner l WHERE l.learner_id = ANY($1::uuid[])`,
      [[...new Set(learnerIds)]],
    );
    return new Map(rows.map((l) => [l.learnerId, l]));
  }

  async findLearner(learnerId: string): Promise<CourseLearner | null> {
    return (await this.findLearners(this.db.manager, [learnerId])).get(learnerId) ?? null;
  }

  /** One statement for a batch; a unit renamed twice in it keeps its last name. */
  async upsertUnits(tx: EntityManager, units: Unit[]): Promise<void> {
    const last = new Map(units.map((u) => [u.code, u]));
    await this.units.insertMany(tx, [...last.values()], {
      onConflict:
        '(code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, parent_code = EXCLUDED.parent_code',
    });
  }

  async findUnit(code: string): Promise<Unit | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.units.select('u')} FROM administrative_unit u WHERE u.code = $1`,
      [code],
    );
    return (row as Unit | undefined) ?? null;
  }

  async isWithin(unitCode: string, ancestorCode: string): Promise<boolean> {
    const rows = await this.db.manager.query(
      `WITH RECURSIVE up AS (
         SELECT code, parent_code, 0 AS depth FROM administrative_unit WHERE code = $1
         UNION ALL
         SELECT u.code, u.parent_code, up.depth + 1 FROM administrative_unit u JOIN up ON u.code = up.parent_code
         WHERE up.depth < 10
       ) SELECT 1 FROM up WHERE code = $2 LIMIT 1`,
      [unitCode, ancestorCode],
    );
    return rows.length > 0;
  }
}
