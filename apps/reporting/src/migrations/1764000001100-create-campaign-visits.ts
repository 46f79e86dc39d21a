import { MigrationInterface, QueryRunner } from 'typeorm';

/** Teams and their door-to-door visits, from the campaigns service's events (m_visits, team rankings). */
export class CreateCampaignVisits1764000001100 implements MigrationInterface {
  name = 'CreateCampaignVisits1764000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_team (
        team_id uuid PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        unit_code text NOT NULL,
        created_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE campaign_visit (
        visit_id uuid PRIMARY KEY,
        team_id uuid NOT NULL,
        unit_code text NOT NULL,
        visited_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX campaign_visit_unit ON campaign_visit (unit_code, visited_at)');
    await q.query('CREATE INDEX campaign_mentee_mentor ON campaign_mentee (mentor_id, assigned_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX campaign_mentee_mentor');
    await q.query('DROP TABLE campaign_visit');
    await q.query('DROP TABLE campaign_team');
  }
}
