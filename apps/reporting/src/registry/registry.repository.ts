import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { LearnerChange, LearnerProfile } from './domain/learner-profile';
import {
  HouseholdEntity,
  HouseholdMemberEntity,
  LearnerChangeEntity,
  LearnerProfileEntity,
} from './registry.entity';

/** The only code that writes reporting's view of the registry. */
@Injectable()
export class RegistryRepository {
  private readonly changes: EntityTable<LearnerChangeEntity>;
  private readonly profiles: EntityTable<LearnerProfileEntity>;
  private readonly households: EntityTable<HouseholdEntity>;
  private readonly members: EntityTable<HouseholdMemberEntity>;

  constructor(db: Database) {
    this.changes = EntityTable.of(db.dataSource, LearnerChangeEntity);
    this.profiles = EntityTable.of(db.dataSource, LearnerProfileEntity);
    this.households = EntityTable.of(db.dataSource, HouseholdEntity);
    this.members = EntityTable.of(db.dataSource, HouseholdMemberEntity);
  }

  async recordChanges(tx: EntityManager, changes: LearnerChange[]): Promise<void> {
    await this.changes.insertMany(tx, changes, { onConflict: '(source_event_id) DO NOTHING' });
  }

  /** Every change recorded for these learners, in one query. */
  async changesOf(tx: EntityManager, learnerKeys: string[]): Promise<LearnerChange[]> {
    return tx.query(
      `SELECT ${this.changes.select('c')} FROM learner_change c WHERE c.learner_key = ANY($1)`,
      [learnerKeys],
    );
  }

  async saveProfiles(tx: EntityManager, profiles: LearnerProfile[]): Promise<void> {
    const set = [
      'learner_id',
      'unit_code',
      'date_of_birth',
      'birth_year',
      'sex',
      'ethnicity',
      'disability',
      'poor_household',
      'groups',
      'student_level',
      'household_id',
      'registered_at',
      'erased',
      'changed_at',
    ]
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ');
    await this.profiles.insertMany(tx, profiles, { onConflict: `(learner_key) DO UPDATE SET ${set}` });
  }

  async recordHouseholds(tx: EntityManager, households: HouseholdEntity[]): Promise<void> {
    await this.households.insertMany(tx, households, {
      onConflict: '(household_id) DO UPDATE SET unit_code = EXCLUDED.unit_code',
    });
  }

  async recordMembers(tx: EntityManager, members: HouseholdMemberEntity[]): Promise<void> {
    await this.members.insertMany(tx, members, { onConflict: '(household_id, learner_key) DO NOTHING' });
  }
}
