import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who took part in the campaigns' activities, and who completed (m_4t). */
export class CreateCampaignParticipation1764000001200 implements MigrationInterface {
  name = 'CreateCampaignParticipation1764000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_participation (
        activity_id uuid NOT NULL,
        learner_key char(64) NOT NULL,
        model text NOT NULL,
        unit_code text NOT NULL,
        ends_at timestamptz NOT NULL,
        completed boolean NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (activity_id, learner_key)
      )`);
    await q.query('CREATE INDEX campaign_participation_model ON campaign_participation (model, ends_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE campaign_participation');
  }
}
