import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { Household } from './domain/household';
import { HouseholdEntity } from './household.entity';

/** The only code that knows the household table. */
@Injectable()
export class HouseholdRepository {
  private readonly table: EntityTable<HouseholdEntity>;

  constructor(db: Database) {
    this.table = EntityTable.of(db.dataSource, HouseholdEntity);
  }

  async insert(tx: EntityManager, household: Household): Promise<void> {
    await this.table.insertMany(tx, [household]);
  }

  async findById(tx: EntityManager, id: string, lock = false): Promise<Household | null> {
    const rows: HouseholdEntity[] = await tx.query(
      `SELECT ${this.table.select('h')} FROM household h WHERE h.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Which of these ids name a registered household. */
  async existing(tx: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await tx.query('SELECT id FROM household WHERE id = ANY($1::uuid[])', [
      ids,
    ]);
    return new Set(rows.map((r) => r.id));
  }

  async setHead(tx: EntityManager, householdId: string, learnerId: string): Promise<void> {
    await tx.query('UPDATE household SET head_learner_id = $2 WHERE id = $1', [householdId, learnerId]);
  }
}
