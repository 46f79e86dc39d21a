import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dead letters of the VNeID topic join the review queue: a message that never decoded has no event id,
 * type, certificate, learner or date of its own, so those columns may be empty.
 */
export class ReviewDeadLetters1764000000150 implements MigrationInterface {
  name = 'ReviewDeadLetters1764000000150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE review_item
        ALTER COLUMN event_type DROP NOT NULL,
        ALTER COLUMN certificate_no DROP NOT NULL,
        ALTER COLUMN learner_key DROP NOT NULL,
        ALTER COLUMN occurred_at DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM review_item WHERE reason = 'dead-lettered'`);
    await q.query(`
      ALTER TABLE review_item
        ALTER COLUMN event_type SET NOT NULL,
        ALTER COLUMN certificate_no SET NOT NULL,
        ALTER COLUMN learner_key SET NOT NULL,
        ALTER COLUMN occurred_at SET NOT NULL`);
  }
}
