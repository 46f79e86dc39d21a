import { MigrationInterface, QueryRunner } from 'typeorm';

/** The campaigns service's view of the registry, the digital ambassadors (IV.6.1) and identity statuses (IV.6.4). */
export class CreateCampaigns1764000001000 implements MigrationInterface {
  name = 'CreateCampaigns1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE learner (
        learner_id uuid PRIMARY KEY,
        learner_key char(64) NOT NULL,
        unit_code text NOT NULL,
        date_of_birth date,
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE administrative_unit (
        code text PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        parent_code text
      )`);
    await q.query(`
      CREATE TABLE mentor (
        id uuid PRIMARY KEY,
        learner_id uuid NOT NULL UNIQUE,
        learner_key char(64) NOT NULL,
        unit_code text NOT NULL,
        campaign_id uuid,
        account text,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX mentor_unit ON mentor (unit_code)');
    // One mentor at a time per mentee: the mentee is the key.
    await q.query(`
      CREATE TABLE mentee_assignment (
        learner_id uuid PRIMARY KEY,
        mentor_id uuid NOT NULL REFERENCES mentor (id),
        learner_key char(64) NOT NULL,
        assigned_by text NOT NULL,
        assigned_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX mentee_assignment_mentor ON mentee_assignment (mentor_id)');
    await q.query(`
      CREATE TABLE desk_helper (
        id uuid PRIMARY KEY,
        learner_id uuid NOT NULL,
        learner_key char(64) NOT NULL,
        unit_code text NOT NULL,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL,
        UNIQUE (learner_id, unit_code)
      )`);
    await q.query(`
      CREATE TABLE identity_record (
        id uuid PRIMARY KEY,
        learner_id uuid NOT NULL,
        vneid_status text,
        digital_bank_account boolean,
        source text NOT NULL,
        recorded_by text,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX identity_record_learner ON identity_record (learner_id, recorded_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'identity_record',
      'desk_helper',
      'mentee_assignment',
      'mentor',
      'administrative_unit',
      'learner',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
