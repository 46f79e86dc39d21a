import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProjections1764000000200 implements MigrationInterface {
  name = 'CreateProjections1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE administrative_unit (
        map text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        parent_code text,
        PRIMARY KEY (map, code)
      )`);
    // One row per issued certificate, from certification.certificate-issued.v1 only.
    await q.query(`
      CREATE TABLE qualification (
        certificate_id uuid PRIMARY KEY,
        learner_key char(64) NOT NULL,
        unit_code text NOT NULL,
        date_of_birth date NOT NULL,
        issued_at timestamptz NOT NULL,
        source_event_id text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX qualification_learner ON qualification (learner_key, issued_at)');
    await q.query('CREATE INDEX qualification_unit ON qualification (unit_code, issued_at)');
    // Kept apart so that a revocation read before its certificate (another topic) is not lost.
    await q.query(`
      CREATE TABLE revocation (
        certificate_id uuid PRIMARY KEY,
        revoked_at timestamptz NOT NULL,
        source_event_id text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE official_figure (
        kind text NOT NULL CHECK (kind IN ('denominator', 'target')),
        unit_code text NOT NULL,
        year int NOT NULL,
        indicator text NOT NULL,
        value numeric NOT NULL CHECK (value >= 0),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, unit_code, year, indicator)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE official_figure');
    await q.query('DROP TABLE revocation');
    await q.query('DROP TABLE qualification');
    await q.query('DROP TABLE administrative_unit');
  }
}
