import { MigrationInterface, QueryRunner } from 'typeorm';

/** What reporting keeps of the courses service's events: completions (a way to qualify) and sessions held. */
export class CreateLearning1764000000900 implements MigrationInterface {
  name = 'CreateLearning1764000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE course_completion (
        learner_key char(64) NOT NULL,
        course_id uuid NOT NULL,
        groups text[] NOT NULL,
        completed_at timestamptz NOT NULL,
        source_event_id text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (learner_key, course_id)
      )`);
    await q.query(`
      CREATE TABLE class_session (
        class_id uuid NOT NULL,
        session_number int NOT NULL,
        unit_code text NOT NULL,
        starts_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (class_id, session_number)
      )`);
    await q.query('CREATE INDEX class_session_unit ON class_session (unit_code, starts_at)');
    // Per target group, when the learner first completed a course of that group's programme.
    await q.query(`ALTER TABLE learner_fact ADD COLUMN completions jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE learner_fact DROP COLUMN completions');
    await q.query('DROP TABLE class_session');
    await q.query('DROP TABLE course_completion');
  }
}
