import { MigrationInterface, QueryRunner } from 'typeorm';

/** What reporting keeps of the campaigns service's events: mentors, mentees, desk helpers, identities. */
export class CreateCampaignProjections1764000001000 implements MigrationInterface {
  name = 'CreateCampaignProjections1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_mentor (
        mentor_id uuid PRIMARY KEY,
        learner_key char(64) NOT NULL,
        unit_code text NOT NULL,
        registered_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX campaign_mentor_unit ON campaign_mentor (unit_code)');
    await q.query(`
      CREATE TABLE campaign_mentee (
        mentor_id uuid NOT NULL,
        learner_key char(64) NOT NULL,
        assigned_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (mentor_id, learner_key)
      )`);
    await q.query(`
      CREATE TABLE campaign_desk_helper (
        helper_id uuid PRIMARY KEY,
        learner_key char(64) NOT NULL,
        unit_code text NOT NULL,
        registered_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX campaign_desk_helper_unit ON campaign_desk_helper (unit_code)');
    await q.query(`
      CREATE TABLE identity_status (
        source_event_id text PRIMARY KEY,
        learner_key char(64) NOT NULL,
        vneid_status text,
        digital_bank_account boolean,
        recorded_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX identity_status_learner ON identity_status (learner_key, recorded_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['identity_status', 'campaign_desk_helper', 'campaign_mentee', 'campaign_mentor'])
      await q.query(`DROP TABLE ${table}`);
  }
}
