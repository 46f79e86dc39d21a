import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { ImportResult, LearnerImport } from './domain/learner-import';
import { LearnerImportEntity } from './learner-import.entity';

/** The only code that knows the learner_import table (the status of imports answered 202). */
@Injectable()
export class LearnerImportRepository {
  private readonly table: EntityTable<LearnerImportEntity>;

  constructor(private readonly db: Database) {
    this.table = EntityTable.of(db.dataSource, LearnerImportEntity);
  }

  async insert(
    tx: EntityManager,
    started: Pick<LearnerImport, 'id' | 'requestedBy' | 'unitCode' | 'startedAt'>,
  ) {
    await this.table.insertMany(tx, [{ ...started, state: 'running' }]);
  }

  async findById(id: string): Promise<LearnerImport | null> {
    const rows: LearnerImportEntity[] = await this.db.manager.query(
      `SELECT ${this.table.select('i')} FROM learner_import i WHERE i.id = $1`,
      [id],
    );
    return rows.length ? toDomain(rows[0]) : null;
  }

  /** The counts so far, in the transaction that stored a batch: they never run ahead of the rows. */
  async progress(tx: EntityManager, id: string, counts: Pick<ImportResult, 'accepted' | 'rejected'>) {
    await tx.query('UPDATE learner_import SET accepted = $2, rejected = $3 WHERE id = $1', [
      id,
      counts.accepted,
      counts.rejected,
    ]);
  }

  async finish(
    id: string,
    outcome: Pick<LearnerImport, 'state' | 'failure' | 'finishedAt'> & ImportResult,
  ): Promise<void> {
    await this.db.manager.query(
      `UPDATE learner_import SET state = $2, accepted = $3, rejected = $4, errors = $5::jsonb,
         errors_truncated = $6, failure = $7::jsonb, finished_at = $8
       WHERE id = $1`,
      [
        id,
        outcome.state,
        outcome.accepted,
        outcome.rejected,
        JSON.stringify(outcome.errors),
        outcome.errorsTruncated ?? false,
        outcome.failure === null ? null : JSON.stringify(outcome.failure),
        outcome.finishedAt,
      ],
    );
  }
}

function toDomain(r: LearnerImportEntity): LearnerImport {
  return {
    id: r.id,
    state: r.state as LearnerImport['state'],
    requestedBy: r.requestedBy,
    unitCode: r.unitCode,
    accepted: r.accepted,
    rejected: r.rejected,
    errors: r.errors,
    ...(r.errorsTruncated ? { errorsTruncated: true } : {}),
    failure: r.failure,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}
