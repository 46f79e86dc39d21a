import { MigrationInterface, QueryRunner } from 'typeorm';

/** Community tech teams and youth teams (IV.6.5, IV.6.6), their members and door-to-door visits. */
export class CreateTeams1764000001100 implements MigrationInterface {
  name = 'CreateTeams1764000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE household (
        household_id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        registered_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE team (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        unit_code text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE team_member (
        team_id uuid NOT NULL REFERENCES team (id),
        learner_id uuid NOT NULL,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL,
        PRIMARY KEY (team_id, learner_id)
      )`);
    await q.query(`
      CREATE TABLE visit (
        id uuid PRIMARY KEY,
        team_id uuid NOT NULL REFERENCES team (id),
        household_id uuid NOT NULL,
        unit_code text NOT NULL,
        visited_at timestamptz NOT NULL,
        helped_with text[] NOT NULL,
        learner_ids uuid[] NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX visit_team ON visit (team_id, visited_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['visit', 'team_member', 'team', 'household']) await q.query(`DROP TABLE ${table}`);
  }
}
