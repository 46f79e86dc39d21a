import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which units each projection version changed: the change feed district systems pull. */
export class CreateIndicatorChange1764000000600 implements MigrationInterface {
  name = 'CreateIndicatorChange1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicator_change (
        version bigint NOT NULL,
        unit_code text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (version, unit_code)
      )`);
    await q.query('CREATE INDEX indicator_change_at ON indicator_change (changed_at)');
    // Versions at or below it have been pruned from the feed: a cursor older than that is too old.
    await q.query('ALTER TABLE projection_version ADD COLUMN pruned_through bigint NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE projection_version DROP COLUMN pruned_through');
    await q.query('DROP TABLE indicator_change');
  }
}
