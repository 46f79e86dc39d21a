import { MigrationInterface, QueryRunner } from 'typeorm';

/** Requests to VNeID: one per learner and programme, linked to the certificate that confirms it. */
export class CreateVneidRequest1764000000130 implements MigrationInterface {
  name = 'CreateVneidRequest1764000000130';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vneid_request (
        id uuid PRIMARY KEY,
        learner_key char(64) NOT NULL,
        learner_id uuid NOT NULL,
        programme text NOT NULL,
        unit_code text NOT NULL,
        course_id uuid NOT NULL,
        course_code text NOT NULL,
        completed_at timestamptz NOT NULL,
        requested_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('requested', 'confirmed', 'already-certified')),
        certificate_no text,
        confirmed_at timestamptz,
        UNIQUE (learner_key, programme)
      )`);
    await q.query('CREATE INDEX vneid_request_learner ON vneid_request (learner_id, requested_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vneid_request');
  }
}
