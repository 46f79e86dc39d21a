import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { IdentityRecord, VneidStatus } from './domain/identity';
import { IdentityRecordEntity } from './identity.entity';

export interface IdentityNow {
  learnerId: string;
  vneidStatus: VneidStatus;
  digitalBankAccount: boolean;
  records: number;
}

/** The only code that knows the identity_record table. */
@Injectable()
export class IdentityRepository {
  private readonly records: EntityTable<IdentityRecordEntity>;

  constructor(private readonly db: Database) {
    this.records = EntityTable.of(db.dataSource, IdentityRecordEntity);
  }

  async insert(tx: EntityManager, records: IdentityRecord[]): Promise<void> {
    await this.records.insertMany(
      tx,
      records.map(({ learnerKey: _key, unitCode: _unit, ...row }) => row),
    );
  }

  /** A learner's identity now: the latest value of each field, in recording time. */
  async current(learnerId: string): Promise<IdentityNow> {
    const [row] = await this.db.manager.query(
      `SELECT coalesce((array_agg(vneid_status ORDER BY recorded_at DESC) FILTER (WHERE vneid_status IS NOT NULL))[1], 'none') AS "vneidStatus",
              coalesce((array_agg(digital_bank_account ORDER BY recorded_at DESC) FILTER (WHERE digital_bank_account IS NOT NULL))[1], false) AS "digitalBankAccount",
              count(*)::int AS records
       FROM identity_record WHERE learner_id = $1`,
      [learnerId],
    );
    return { learnerId, ...(row as Omit<IdentityNow, 'learnerId'>) };
  }
}
