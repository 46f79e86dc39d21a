import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReportSubscription1764000000800 implements MigrationInterface {
  name = 'CreateReportSubscription1764000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_subscription (
        id uuid PRIMARY KEY,
        subscriber text NOT NULL,
        unit_code text NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        created_at timestamptz NOT NULL,
        active boolean NOT NULL
      )`);
    await q.query('CREATE INDEX report_subscription_unit ON report_subscription (unit_code) WHERE active');
    await q.query(`
      CREATE TABLE report_delivery (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES report_subscription (id),
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts int NOT NULL,
        next_attempt_at timestamptz,
        last_status int,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX report_delivery_due ON report_delivery (next_attempt_at) WHERE status = 'PENDING'`,
    );
    await q.query(
      'CREATE INDEX report_delivery_subscription ON report_delivery (subscription_id, created_at)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE report_delivery');
    await q.query('DROP TABLE report_subscription');
  }
}
