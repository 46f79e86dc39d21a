import { MigrationInterface, QueryRunner } from 'typeorm';

/** The 2025 commune a former commune was merged into: how indicators are read on the former map. */
export class UnitMergedInto1764000000400 implements MigrationInterface {
  name = 'UnitMergedInto1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE administrative_unit ADD COLUMN merged_into_code text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE administrative_unit DROP COLUMN merged_into_code');
  }
}
