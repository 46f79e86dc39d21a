import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateIssuedV1, CertificateRevokedV1 } from '@bdhvs/events';
import { Database } from '@bdhvs/service-runtime';
import { LearnerCertification } from './domain/learner-certification';
import { LearnerCertificationEntity } from './learner-certification.entity';

/**
 * The only code that knows the learner_certification table. Both writes are single upserts keyed by
 * certificate number that only ever fill in a time (the earliest one wins), so applying an event twice,
 * or a revocation before its issue, ends in the same row.
 */
@Injectable()
export class LearnerCertificationRepository {
  constructor(private readonly db: Database) {}

  async recordIssued(tx: EntityManager, issued: CertificateIssuedV1): Promise<void> {
    await tx.query(
      `INSERT INTO learner_certification (certificate_no, certificate_id, learner_key, programme, unit_code, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (certificate_no) DO UPDATE SET
         certificate_id = EXCLUDED.certificate_id,
         learner_key = EXCLUDED.learner_key,
         programme = EXCLUDED.programme,
         unit_code = EXCLUDED.unit_code,
         issued_at = LEAST(learner_certification.issued_at, EXCLUDED.issued_at)`,
      [
        issued.certificateNo,
        issued.certificateId,
        issued.learnerKey,
        issued.programme,
        issued.unitCode,
        issued.issuedAt,
      ],
    );
  }

  async recordRevoked(tx: EntityManager, revoked: CertificateRevokedV1): Promise<void> {
    await tx.query(
      `INSERT INTO learner_certification (certificate_no, certificate_id, learner_key, programme, unit_code, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (certificate_no) DO UPDATE SET
         revoked_at = LEAST(learner_certification.revoked_at, EXCLUDED.revoked_at)`,
      [
        revoked.certificateNo,
        revoked.certificateId,
        revoked.learnerKey,
        revoked.programme,
        revoked.unitCode,
        revoked.revokedAt,
      ],
    );
  }

  async findByLearner(learnerKey: string): Promise<LearnerCertification[]> {
    const rows = await this.db.manager
      .getRepository(LearnerCertificationEntity)
      .find({ where: { learnerKey } });
    return rows.map((row) => ({ ...row }));
  }
}
