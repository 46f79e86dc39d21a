import { MigrationInterface, QueryRunner } from 'typeorm';

/** Nominations for the movement's rewards (IV.2.2): who proposed them and who approved them. */
export class CreateNominations1764000001300 implements MigrationInterface {
  name = 'CreateNominations1764000001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nomination (
        id uuid PRIMARY KEY,
        nominee_kind text NOT NULL,
        nominee_id text NOT NULL,
        unit_code text NOT NULL,
        period text NOT NULL,
        reason text NOT NULL,
        status text NOT NULL,
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL,
        approved_by text,
        approved_at timestamptz,
        UNIQUE (nominee_kind, nominee_id, period)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE nomination');
  }
}
