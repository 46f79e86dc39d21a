import { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns of the movement's models, their activities and who took part (IV.6, IV.1.3). */
export class CreateActivities1764000001200 implements MigrationInterface {
  name = 'CreateActivities1764000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY,
        model text NOT NULL,
        unit_code text NOT NULL,
        name text NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        organisation text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaign (id),
        kind text NOT NULL,
        title text NOT NULL,
        unit_code text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX activity_campaign ON activity (campaign_id)');
    await q.query(`
      CREATE TABLE participation (
        activity_id uuid NOT NULL REFERENCES activity (id),
        learner_id uuid NOT NULL,
        attended_at timestamptz NOT NULL,
        completed boolean NOT NULL,
        PRIMARY KEY (activity_id, learner_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['participation', 'activity', 'campaign']) await q.query(`DROP TABLE ${table}`);
  }
}
