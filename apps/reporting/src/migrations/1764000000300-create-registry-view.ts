import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reporting's own view of the learner registry, kept from the registry's events (never its database). */
export class CreateRegistryView1764000000300 implements MigrationInterface {
  name = 'CreateRegistryView1764000000300';

  async up(q: QueryRunner): Promise<void> {
    // Every registration and correction as it arrived: a learner's profile is folded from these in time
    // order, so a correction read before its registration (another topic) still ends right.
    await q.query(`
      CREATE TABLE learner_change (
        source_event_id text PRIMARY KEY,
        learner_key char(64) NOT NULL,
        learner_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('registered', 'updated')),
        changed_at timestamptz NOT NULL,
        fields jsonb NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX learner_change_learner ON learner_change (learner_key, changed_at)');
    await q.query(`
      CREATE TABLE learner_profile (
        learner_key char(64) PRIMARY KEY,
        learner_id uuid NOT NULL,
        unit_code text NOT NULL,
        date_of_birth date,
        birth_year int,
        sex text,
        ethnicity text,
        disability boolean,
        poor_household boolean,
        groups text[] NOT NULL DEFAULT '{}',
        student_level text,
        household_id uuid,
        registered_at timestamptz,
        erased boolean NOT NULL DEFAULT false,
        changed_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX learner_profile_unit ON learner_profile (unit_code)');
    await q.query('CREATE INDEX learner_profile_household ON learner_profile (household_id)');
    await q.query(`
      CREATE TABLE household (
        household_id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        registered_at timestamptz NOT NULL,
        source_event_id text NOT NULL
      )`);
    await q.query('CREATE INDEX household_unit ON household (unit_code)');
    await q.query(`
      CREATE TABLE household_member (
        household_id uuid NOT NULL,
        learner_key char(64) NOT NULL,
        added_at timestamptz NOT NULL,
        PRIMARY KEY (household_id, learner_key)
      )`);
    // Bumped by every transaction that changes what an indicator reads: the key of the read cache.
    await q.query(
      `CREATE TABLE projection_version (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)`,
    );
    await q.query('INSERT INTO projection_version VALUES (1, 0)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projection_version');
    await q.query('DROP TABLE household_member');
    await q.query('DROP TABLE household');
    await q.query('DROP TABLE learner_profile');
    await q.query('DROP TABLE learner_change');
  }
}
