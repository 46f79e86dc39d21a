import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mentee may change mentor (issue 14): an assignment ends when the mentee is reassigned, and the same
 * pair may meet again later, so an assignment is known by its start. Visits keep their household, whose
 * poverty splits m_visits.
 */
export class CampaignMenteeHistory1764000001450 implements MigrationInterface {
  name = 'CampaignMenteeHistory1764000001450';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE campaign_mentee ADD COLUMN ended_at timestamptz');
    await q.query('ALTER TABLE campaign_mentee DROP CONSTRAINT campaign_mentee_pkey');
    await q.query('ALTER TABLE campaign_mentee ADD PRIMARY KEY (mentor_id, learner_key, assigned_at)');
    await q.query('ALTER TABLE campaign_visit ADD COLUMN household_id uuid');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE campaign_visit DROP COLUMN household_id');
    await q.query('DELETE FROM campaign_mentee WHERE ended_at IS NOT NULL');
    await q.query('ALTER TABLE campaign_mentee DROP CONSTRAINT campaign_mentee_pkey');
    await q.query('ALTER TABLE campaign_mentee ADD PRIMARY KEY (mentor_id, learner_key)');
    await q.query('ALTER TABLE campaign_mentee DROP COLUMN ended_at');
  }
}
