import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { UnitHierarchy } from '@bdhvs/auth';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { CampaignLearner, Household, Unit } from './domain/campaign-learner';
import { AdministrativeUnitEntity, CampaignLearnerEntity, HouseholdEntity } from './registry.entity';

/** The only code that knows the campaigns service's view of the registry: learners and units. */
@Injectable()
export class RegistryRepository implements UnitHierarchy {
  private readonly learners: EntityTable<CampaignLearnerEntity>;
  private readonly units: EntityTable<AdministrativeUnitEntity>;
  private readonly households: EntityTable<HouseholdEntity>;

  constructor(private readonly db: Database) {
    this.learners = EntityTable.of(db.dataSource, CampaignLearnerEntity);
    this.units = EntityTable.of(db.dataSource, AdministrativeUnitEntity);
    this.households = EntityTable.of(db.dataSource, HouseholdEntity);
  }

  /**
   * One statement for a batch. The latest change sets the unit, whatever order the registrations and
   * corrections (two topics) arrive in; a date of birth a correction leaves out keeps its value.
   */
  async saveLearners(tx: EntityManager, learners: CampaignLearner[]): Promise<void> {
    const latest = new Map<string, CampaignLearner>();
    for (const l of learners) {
      const seen = latest.get(l.learnerId);
      if (!seen || seen.changedAt <= l.changedAt)
        latest.set(l.learnerId, { ...l, dateOfBirth: l.dateOfBirth ?? seen?.dateOfBirth ?? null });
    }
    await this.learners.insertMany(tx, [...latest.values()], {
      onConflict: `(learner_id) DO UPDATE SET
        unit_code = CASE WHEN newer THEN EXCLUDED.unit_code ELSE learner.unit_code END,
        date_of_birth = CASE WHEN newer THEN coalesce(EXCLUDED.date_of_birth, learner.date_of_birth)
                             ELSE coalesce(learner.date_of_birth, EXCLUDED.date_of_birth) END,
        changed_at = greatest(learner.changed_at, EXCLUDED.changed_at)`.replace(
        /newer/g,
        'learner.changed_at <= EXCLUDED.changed_at',
      ),
    });
  }

  /** The learners known among these ids, by id. */
  async findLearners(
    manager: EntityManager,
    learnerIds: readonly string[],
  ): Promise<Map<string, CampaignLearner>> {
    if (learnerIds.length === 0) return new Map();
    const rows: CampaignLearner[] = await manager.query(
      `SELECT ${this.learners.select('l')} FROM learner l WHERE l.learner_id = ANY($1::uuid[])`,
      [[...new Set(learnerIds)]],
    );
    return new Map(rows.map((l) => [l.learnerId, l]));
  }

  /** One statement for a batch; a unit renamed twice in it keeps its last name. */
  async upsertUnits(tx: EntityManager, units: Unit[]): Promise<void> {
    const last = new Map(units.map((u) => [u.code, u]));
    await this.units.insertMany(tx, [...last.values()], {
      onConflict:
        '(code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, parent_code = EXCLUDED.parent_code',
    });
  }

  /** One statement for a batch; a household registered again keeps its first record. */
  async saveHouseholds(tx: EntityManager, households: Household[]): Promise<void> {
    const once = new Map(households.map((h) => [h.householdId, h]));
    await this.households.insertMany(tx, [...once.values()], { onConflict: '(household_id) DO NOTHING' });
  }

  async findHousehold(householdId: string): Promise<Household | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.households.select('h')} FROM household h WHERE h.household_id = $1`,
      [householdId],
    );
    return (row as Household | undefined) ?? null;
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
