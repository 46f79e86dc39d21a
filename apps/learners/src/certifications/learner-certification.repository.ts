import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateIssuedV1, CertificateRevokedV1 } from '@bdhvs/events';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { LearnerCertification } from './domain/learner-certification';
import { LearnerCertificationEntity } from './learner-certification.entity';

/**
 * The only code that knows the learner_certification table. Both writes are multi-row upserts keyed by
 * certificate number that only ever fill in a time (the earliest one wins), so applying an event twice,
 * or a revocation before its issue, ends in the same row.
 */
@Injectable()
export class LearnerCertificationRepository {
  private readonly table: EntityTable<LearnerCertificationEntity>;

  constructor(private readonly db: Database) {
    this.table = EntityTable.of(db.dataSource, LearnerCertificationEntity);
  }

  /** One statement for a batch; a certificate number twice in it keeps its earliest issue. */
  async recordIssued(tx: EntityManager, events: CertificateIssuedV1[]): Promise<void> {
    const rows = earliestBy(
      events.map((e) => ({ ...certificateOf(e), issuedAt: new Date(e.issuedAt) })),
      'issuedAt',
    );
    await this.table.insertMany(tx, rows, {
      onConflict: `(certificate_no) DO UPDATE SET
         certificate_id = EXCLUDED.certificate_id,
         learner_key = EXCLUDED.learner_key,
         programme = EXCLUDED.programme,
         unit_code = EXCLUDED.unit_code,
         issued_at = LEAST(learner_certification.issued_at, EXCLUDED.issued_at)`,
    });
  }

  async recordRevoked(tx: EntityManager, events: CertificateRevokedV1[]): Promise<void> {
    const rows = earliestBy(
      events.map((e) => ({ ...certificateOf(e), revokedAt: new Date(e.revokedAt) })),
      'revokedAt',
    );
    await this.table.insertMany(tx, rows, {
      onConflict: `(certificate_no) DO UPDATE SET
         revoked_at = LEAST(learner_certification.revoked_at, EXCLUDED.revoked_at)`,
    });
  }

  async findByLearner(learnerKey: string): Promise<LearnerCertification[]> {
    const rows = await this.db.manager.query(
      `SELECT ${this.table.select('c')} FROM learner_certification c WHERE c.learner_key = $1`,
      [learnerKey],
    );
    return rows as LearnerCertification[];
  }
}

function certificateOf(e: CertificateIssuedV1 | CertificateRevokedV1) {
  return {
    certificateNo: e.certificateNo,
    certificateId: e.certificateId,
    learnerKey: e.learnerKey,
    programme: e.programme,
    unitCode: e.unitCode,
  };
}

/** One row per certificate number, the earliest time winning: an upsert may not touch a row twice. */
function earliestBy<T extends { certificateNo: string }>(rows: T[], time: keyof T): T[] {
  const kept = new Map<string, T>();
  for (const row of rows) {
    const other = kept.get(row.certificateNo);
    if (!other || (row[time] as Date) < (other[time] as Date)) kept.set(row.certificateNo, row);
  }
  return [...kept.values()];
}
