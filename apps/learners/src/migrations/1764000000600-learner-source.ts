import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a learner came from: the registry itself, or a VNeID certification of a citizen it did not know. */
export class LearnerSource1764000000600 implements MigrationInterface {
  name = 'LearnerSource1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE learner
        ADD COLUMN source text NOT NULL DEFAULT 'REGISTRY' CHECK (source IN ('REGISTRY', 'VNEID')),
        ADD COLUMN completed_at timestamptz`);
    await q.query(
      `CREATE INDEX learner_awaiting_completion ON learner (unit_code, id) WHERE source = 'VNEID' AND completed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX learner_awaiting_completion');
    await q.query('ALTER TABLE learner DROP COLUMN completed_at, DROP COLUMN source');
  }
}
