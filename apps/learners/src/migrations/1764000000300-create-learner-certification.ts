import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLearnerCertification1764000000300 implements MigrationInterface {
  name = 'CreateLearnerCertification1764000000300';

  async up(q: QueryRunner): Promise<void> {
    // issued_at stays empty when a revocation arrives before its certificate.
    await q.query(`
      CREATE TABLE learner_certification (
        certificate_no text PRIMARY KEY,
        certificate_id uuid NOT NULL,
        learner_key char(64) NOT NULL,
        programme text NOT NULL,
        unit_code text NOT NULL,
        issued_at timestamptz,
        revoked_at timestamptz,
        CHECK (issued_at IS NOT NULL OR revoked_at IS NOT NULL)
      )`);
    await q.query('CREATE INDEX learner_certification_learner ON learner_certification (learner_key)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE learner_certification');
  }
}
