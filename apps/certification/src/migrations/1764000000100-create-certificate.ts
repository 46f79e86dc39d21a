import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCertificate1764000000100 implements MigrationInterface {
  name = 'CreateCertificate1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificate (
        id uuid PRIMARY KEY,
        certificate_no text NOT NULL UNIQUE,
        learner_key char(64) NOT NULL,
        masked_name text NOT NULL,
        programme text NOT NULL,
        unit_code text NOT NULL,
        date_of_birth date NOT NULL,
        issued_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revocation_reason text
      )`);
    // One standing certificate per learner and programme; a revoked one leaves room for a new one.
    await q.query(
      `CREATE UNIQUE INDEX certificate_active_per_programme ON certificate (learner_key, programme) WHERE revoked_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE vneid_event (
        event_id text PRIMARY KEY,
        type text NOT NULL,
        certificate_no text NOT NULL,
        learner_key char(64) NOT NULL,
        occurred_at timestamptz NOT NULL,
        outcome text NOT NULL,
        reason text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX vneid_event_pending_revocation ON vneid_event (certificate_no) WHERE outcome = 'revocation-pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vneid_event');
    await q.query('DROP TABLE certificate');
  }
}
