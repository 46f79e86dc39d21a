import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCourses1764000000200 implements MigrationInterface {
  name = 'CreateCourses1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme (
        code text PRIMARY KEY,
        target_group text NOT NULL,
        student_levels text[] NOT NULL,
        current_version int NOT NULL
      )`);
    await q.query(`
      CREATE TABLE programme_version (
        code text NOT NULL REFERENCES programme (code),
        version int NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        levels int[] NOT NULL,
        competencies text[] NOT NULL,
        seed boolean NOT NULL,
        source text,
        edited_by text,
        edited_at timestamptz NOT NULL,
        PRIMARY KEY (code, version)
      )`);
    await q.query(`
      CREATE TABLE course (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        title text NOT NULL,
        groups text[] NOT NULL,
        mode text NOT NULL,
        language text NOT NULL,
        accessibility text[] NOT NULL,
        competencies text[] NOT NULL,
        level int,
        modules jsonb NOT NULL,
        completion jsonb NOT NULL,
        activity_id text UNIQUE,
        status text NOT NULL,
        programmes jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        published_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE learner_change (
        source_event_id text PRIMARY KEY,
        learner_id uuid NOT NULL,
        learner_key char(64) NOT NULL,
        kind text NOT NULL,
        changed_at timestamptz NOT NULL,
        fields jsonb NOT NULL
      )`);
    await q.query('CREATE INDEX learner_change_learner ON learner_change (learner_id)');
    await q.query(`
      CREATE TABLE learner (
        learner_id uuid PRIMARY KEY,
        learner_key char(64) NOT NULL,
        unit_code text NOT NULL,
        groups text[] NOT NULL,
        student_level text,
        ethnicity text,
        disability boolean,
        date_of_birth date,
        birth_year int,
        erased boolean NOT NULL,
        registered_at timestamptz NOT NULL,
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
      CREATE TABLE enrolment (
        id uuid PRIMARY KEY,
        learner_id uuid NOT NULL,
        course_id uuid NOT NULL REFERENCES course (id),
        enrolled_via text NOT NULL,
        enrolled_at timestamptz NOT NULL,
        progress_percent double precision NOT NULL,
        completed_modules text[] NOT NULL,
        best_score double precision,
        milestone int NOT NULL,
        completed_at timestamptz,
        completed_via text,
        updated_at timestamptz NOT NULL,
        UNIQUE (learner_id, course_id)
      )`);
    // Reports for learners the registry has not told us of yet; applied when it does.
    await q.query(`
      CREATE TABLE pending_intake (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        learner_id uuid NOT NULL,
        course_id uuid NOT NULL REFERENCES course (id),
        via text NOT NULL,
        enrol_only boolean NOT NULL,
        progress_percent double precision,
        module_codes text[] NOT NULL,
        score double precision,
        occurred_at timestamptz NOT NULL,
        at_given boolean NOT NULL,
        received_at timestamptz NOT NULL,
        reported_by text NOT NULL
      )`);
    await q.query('CREATE INDEX pending_intake_learner ON pending_intake (learner_id, seq)');
    await q.query(`
      CREATE TABLE community_class (
        id uuid PRIMARY KEY,
        course_id uuid NOT NULL REFERENCES course (id),
        unit_code text NOT NULL,
        audience text NOT NULL,
        title text NOT NULL,
        teacher jsonb NOT NULL,
        schedule jsonb NOT NULL,
        module_plan jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX community_class_unit ON community_class (unit_code)');
    await q.query(`
      CREATE TABLE class_session (
        class_id uuid NOT NULL REFERENCES community_class (id),
        session_date date NOT NULL,
        session_number int NOT NULL,
        starts_at timestamptz NOT NULL,
        first_recorded_at timestamptz NOT NULL,
        PRIMARY KEY (class_id, session_date)
      )`);
    await q.query(`
      CREATE TABLE class_attendance (
        class_id uuid NOT NULL,
        session_date date NOT NULL,
        learner_id uuid NOT NULL,
        session_number int NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (class_id, session_date, learner_id),
        FOREIGN KEY (class_id, session_date) REFERENCES class_session (class_id, session_date)
      )`);
    await q.query('CREATE INDEX class_attendance_learner ON class_attendance (class_id, learner_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'class_attendance',
      'class_session',
      'community_class',
      'pending_intake',
      'enrolment',
      'administrative_unit',
      'learner',
      'learner_change',
      'course',
      'programme_version',
      'programme',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
