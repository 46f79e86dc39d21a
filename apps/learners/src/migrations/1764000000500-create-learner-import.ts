import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLearnerImport1764000000500 implements MigrationInterface {
  name = 'CreateLearnerImport1764000000500';

  async up(q: QueryRunner): Promise<void> {
    // The status resource of an importLearners answered 202; the rows themselves go to learner.
    await q.query(`
      CREATE TABLE learner_import (
        id uuid PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
        requested_by text NOT NULL,
        unit_code text,
        accepted integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        errors_truncated boolean NOT NULL DEFAULT false,
        failure jsonb,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE learner_import');
  }
}
