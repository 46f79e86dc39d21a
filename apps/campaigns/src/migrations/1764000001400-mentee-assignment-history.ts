import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mentee may change mentor: an assignment ends when the mentee is reassigned and stays as history.
 * One mentor at a time is now one assignment without an end per mentee.
 */
export class MenteeAssignmentHistory1764000001400 implements MigrationInterface {
  name = 'MenteeAssignmentHistory1764000001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mentee_assignment
        ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN ended_by text,
        ADD COLUMN ended_at timestamptz`);
    await q.query('ALTER TABLE mentee_assignment ALTER COLUMN id DROP DEFAULT');
    await q.query('ALTER TABLE mentee_assignment DROP CONSTRAINT mentee_assignment_pkey');
    await q.query('ALTER TABLE mentee_assignment ADD PRIMARY KEY (id)');
    await q.query(
      'CREATE UNIQUE INDEX mentee_assignment_current ON mentee_assignment (learner_id) WHERE ended_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM mentee_assignment WHERE ended_at IS NOT NULL');
    await q.query('DROP INDEX mentee_assignment_current');
    await q.query('ALTER TABLE mentee_assignment DROP CONSTRAINT mentee_assignment_pkey');
    await q.query('ALTER TABLE mentee_assignment ADD PRIMARY KEY (learner_id)');
    await q.query('ALTER TABLE mentee_assignment DROP COLUMN id, DROP COLUMN ended_by, DROP COLUMN ended_at');
  }
}
