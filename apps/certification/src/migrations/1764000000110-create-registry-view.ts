import { MigrationInterface, QueryRunner } from 'typeorm';

/** Certification's own view of the registry: its units (of the 2025 map) and its learners. */
export class CreateRegistryView1764000000110 implements MigrationInterface {
  name = 'CreateRegistryView1764000000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE known_unit (code text PRIMARY KEY, name text NOT NULL, parent_code text)`);
    await q.query(`
      CREATE TABLE known_learner (
        learner_id uuid PRIMARY KEY,
        learner_key char(64) NOT NULL UNIQUE,
        unit_code text NOT NULL,
        as_of timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE known_learner`);
    await q.query(`DROP TABLE known_unit`);
  }
}
