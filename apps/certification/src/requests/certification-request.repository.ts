import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { CertificationRequest } from './domain/certification-request';
import { CertificationRequestEntity } from './certification-request.entity';

/** The only code that knows the vneid_request table. */
@Injectable()
export class CertificationRequestRepository {
  private readonly requests: EntityTable<CertificationRequestEntity>;

  constructor(private readonly db: Database) {
    this.requests = EntityTable.of(db.dataSource, CertificationRequestEntity);
  }

  /**
   * Stores the requests not stored before (one per learner and programme, whatever is replayed); one
   * for a programme the learner already holds a standing certificate of is stored as already-certified.
   * Returns what was stored, in its stored state.
   */
  async insertNew(tx: EntityManager, requests: CertificationRequest[]): Promise<CertificationRequest[]> {
    if (requests.length === 0) return [];
    const col = <K extends keyof CertificationRequest>(k: K) => requests.map((r) => r[k]);
    const rows: CertificationRequest[] = await tx.query(
      `INSERT INTO vneid_request (id, learner_key, learner_id, programme, unit_code, course_id, course_code,
                                  completed_at, requested_at, state, certificate_no, confirmed_at)
       SELECT r.id, r.learner_key, r.learner_id, r.programme, r.unit_code, r.course_id, r.course_code,
              r.completed_at, r.requested_at,
              CASE WHEN c.certificate_no IS NULL THEN 'requested' ELSE 'already-certified' END,
              c.certificate_no, c.issued_at
         FROM unnest($1::uuid[], $2::char(64)[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[],
                     $8::timestamptz[], $9::timestamptz[])
              AS r(id, learner_key, learner_id, programme, unit_code, course_id, course_code, completed_at, requested_at)
         LEFT JOIN certificate c
           ON c.learner_key = r.learner_key AND c.programme = r.programme AND c.revoked_at IS NULL
       ON CONFLICT (learner_key, programme) DO NOTHING
       RETURNING ${this.requests.select('vneid_request')}`,
      [
        col('id'),
        col('learnerKey'),
        col('learnerId'),
        col('programme'),
        col('unitCode'),
        col('courseId'),
        col('courseCode'),
        col('completedAt'),
        col('requestedAt'),
      ],
    );
    return rows.map((r) => this.toDomain(r));
  }

  /** Links the certificates VNeID issued to the open requests of their learner and programme. */
  async confirm(
    tx: EntityManager,
    certificates: { learnerKey: string; programme: string; certificateNo: string; issuedAt: Date }[],
  ): Promise<void> {
    if (certificates.length === 0) return;
    await tx.query(
      `UPDATE vneid_request r SET state = 'confirmed', certificate_no = c.certificate_no, confirmed_at = c.issued_at
         FROM unnest($1::char(64)[], $2::text[], $3::text[], $4::timestamptz[])
              AS c(learner_key, programme, certificate_no, issued_at)
        WHERE r.learner_key = c.learner_key AND r.programme = c.programme AND r.state = 'requested'`,
      [
        certificates.map((c) => c.learnerKey),
        certificates.map((c) => c.programme),
        certificates.map((c) => c.certificateNo),
        certificates.map((c) => c.issuedAt),
      ],
    );
  }

  async listByLearner(learnerId: string): Promise<CertificationRequest[]> {
    const rows: CertificationRequest[] = await this.db.manager.query(
      `SELECT ${this.requests.select('r')} FROM vneid_request r WHERE r.learner_id = $1
        ORDER BY r.requested_at, r.programme`,
      [learnerId],
    );
    return rows.map((r) => this.toDomain(r));
  }

  private toDomain(r: CertificationRequest): CertificationRequest {
    return {
      ...r,
      completedAt: new Date(r.completedAt),
      requestedAt: new Date(r.requestedAt),
      confirmedAt: r.confirmedAt ? new Date(r.confirmedAt) : null,
    };
  }
}
