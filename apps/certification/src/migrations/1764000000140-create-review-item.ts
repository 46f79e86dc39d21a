import { MigrationInterface, QueryRunner } from 'typeorm';

/** The review queue: events refused on the Kafka channel or waiting too long, kept with their reason. */
export class CreateReviewItem1764000000140 implements MigrationInterface {
  name = 'CreateReviewItem1764000000140';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_item (
        id uuid PRIMARY KEY,
        reason text NOT NULL,
        detail text NOT NULL,
        state text NOT NULL CHECK (state IN ('open', 'reprocessed', 'dismissed')),
        topic text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        certificate_no text NOT NULL,
        learner_key char(64) NOT NULL,
        unit_code text,
        programme text,
        occurred_at timestamptz NOT NULL,
        payload_sealed text,
        payload_key_id text,
        created_at timestamptz NOT NULL,
        outcome text,
        closed_at timestamptz,
        closed_by text,
        dismissal_reason text,
        UNIQUE (event_id, reason)
      )`);
    await q.query('CREATE INDEX review_item_listing ON review_item (state, reason, created_at, id)');
    await q.query('CREATE INDEX review_item_created ON review_item (created_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE review_item');
  }
}
