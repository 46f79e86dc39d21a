import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePeriodicReport1764000000500 implements MigrationInterface {
  name = 'CreatePeriodicReport1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE periodic_report (
        unit_code text NOT NULL,
        period text NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'SUBMITTED', 'APPROVED', 'RETURNED')),
        narrative text,
        submitted_by text,
        submitted_at timestamptz,
        approved_by text,
        approved_at timestamptz,
        returned_by text,
        returned_at timestamptz,
        comment text,
        frozen_rows jsonb,
        PRIMARY KEY (unit_code, period)
      )`);
    await q.query(`
      CREATE TABLE periodic_report_action (
        id bigserial PRIMARY KEY,
        unit_code text NOT NULL,
        period text NOT NULL,
        action text NOT NULL,
        acted_by text NOT NULL,
        acted_at timestamptz NOT NULL,
        comment text
      )`);
    await q.query(
      'CREATE INDEX periodic_report_action_report ON periodic_report_action (unit_code, period, id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE periodic_report_action');
    await q.query('DROP TABLE periodic_report');
  }
}
