import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLearner1764000000400 implements MigrationInterface {
  name = 'CreateLearner1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE household (
        id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        village_code text,
        head_learner_id uuid,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Citizen ID and name only sealed (AES-256-GCM, key id beside them); learner_key is the blind index.
    await q.query(`
      CREATE TABLE learner (
        id uuid PRIMARY KEY,
        learner_key char(64) NOT NULL UNIQUE,
        citizen_id_sealed text,
        full_name_sealed text,
        pii_key_id text,
        date_of_birth date,
        birth_year integer NOT NULL,
        sex text NOT NULL CHECK (sex IN ('male', 'female')),
        ethnicity text,
        disability boolean,
        poor_household boolean,
        unit_code text NOT NULL,
        village_code text,
        household_id uuid REFERENCES household (id),
        groups text[] NOT NULL,
        student_level text,
        employer text,
        school text,
        vneid_status text NOT NULL DEFAULT 'none' CHECK (vneid_status IN ('none', 'level1', 'level2')),
        digital_bank_account boolean NOT NULL DEFAULT false,
        registered_by text NOT NULL,
        import_id uuid,
        registered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CHECK (erased_at IS NOT NULL OR (citizen_id_sealed IS NOT NULL AND full_name_sealed IS NOT NULL AND date_of_birth IS NOT NULL))
      )`);
    await q.query('CREATE INDEX learner_unit ON learner (unit_code, id)');
    await q.query('CREATE INDEX learner_village ON learner (village_code) WHERE village_code IS NOT NULL');
    await q.query('CREATE INDEX learner_household ON learner (household_id) WHERE household_id IS NOT NULL');
    await q.query('CREATE INDEX learner_registered_by ON learner (registered_by, id)');
    await q.query(
      `ALTER TABLE household ADD CONSTRAINT household_head FOREIGN KEY (head_learner_id) REFERENCES learner (id)`,
    );
    // Corrections: before and after of the fields that changed, personal data only as "changed".
    await q.query(`
      CREATE TABLE learner_history (
        id bigserial PRIMARY KEY,
        learner_id uuid NOT NULL REFERENCES learner (id),
        changed_by text NOT NULL,
        reason text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        before jsonb NOT NULL,
        after jsonb NOT NULL
      )`);
    await q.query('CREATE INDEX learner_history_learner ON learner_history (learner_id, id)');
    // Every read of personal data: who, when, which learner, why.
    await q.query(`
      CREATE TABLE personal_data_access (
        id bigserial PRIMARY KEY,
        learner_id uuid NOT NULL,
        actor_sub text NOT NULL,
        actor_roles text[] NOT NULL,
        action text NOT NULL,
        reason text,
        accessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      'CREATE INDEX personal_data_access_learner ON personal_data_access (learner_id, accessed_at)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE personal_data_access');
    await q.query('DROP TABLE learner_history');
    await q.query('ALTER TABLE household DROP CONSTRAINT household_head');
    await q.query('DROP TABLE learner');
    await q.query('DROP TABLE household');
  }
}
