import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per learner with everything an indicator reads, kept on every write: a read is one scan of one
 * table instead of joins and aggregates over profiles, certificates and revocations (ADR 0008).
 */
export class CreateLearnerFact1764000000700 implements MigrationInterface {
  name = 'CreateLearnerFact1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE learner_fact (
        learner_key char(64) PRIMARY KEY,
        unit_code text NOT NULL,
        date_of_birth date,
        groups text[] NOT NULL,
        student_level text,
        sex text,
        ethnicity text,
        disability boolean,
        poor_household boolean,
        registered_at timestamptz,
        qualified tstzmultirange NOT NULL,
        event_times timestamptz[] NOT NULL,
        last_applied_at timestamptz
      )`);
    await q.query('CREATE INDEX learner_fact_unit ON learner_fact (unit_code)');
    // Existing data: every learner the projections know of. A frozen copy of REFRESH_LEARNER_FACTS as it
    // was when this migration was written (a migration never changes with the code).
    await q.query(`
  INSERT INTO learner_fact (learner_key, unit_code, date_of_birth, groups, student_level, sex, ethnicity,
                            disability, poor_household, registered_at, qualified, event_times, last_applied_at)
  SELECT k.key, coalesce(p.unit_code, c.first_unit),
         coalesce(p.date_of_birth, c.first_dob, make_date(p.birth_year, 12, 31)),
         coalesce(p.groups, '{}'), p.student_level, p.sex, p.ethnicity, p.disability, p.poor_household,
         p.registered_at, coalesce(c.qualified, '{}'), coalesce(c.event_times, '{}'), c.last_applied_at
  FROM (SELECT learner_key FROM learner_profile UNION SELECT learner_key FROM qualification) AS k(key)
  LEFT JOIN learner_profile p ON p.learner_key = k.key
  LEFT JOIN LATERAL (
    SELECT (array_agg(q.unit_code ORDER BY q.issued_at))[1] AS first_unit,
           (array_agg(q.date_of_birth ORDER BY q.issued_at))[1] AS first_dob,
           range_agg(CASE WHEN r.revoked_at IS NULL OR r.revoked_at > q.issued_at
                          THEN tstzrange(q.issued_at, r.revoked_at, '(]') ELSE 'empty' END) AS qualified,
           array_agg(q.issued_at) || array_remove(array_agg(r.revoked_at), NULL) AS event_times,
           greatest(max(q.applied_at), max(r.applied_at)) AS last_applied_at
    FROM qualification q LEFT JOIN revocation r ON r.certificate_id = q.certificate_id
    WHERE q.learner_key = k.key
  ) c ON c.first_unit IS NOT NULL
  WHERE p.learner_key IS NOT NULL OR c.first_unit IS NOT NULL
  ON CONFLICT (learner_key) DO UPDATE SET
    unit_code = EXCLUDED.unit_code, date_of_birth = EXCLUDED.date_of_birth, groups = EXCLUDED.groups,
    student_level = EXCLUDED.student_level, sex = EXCLUDED.sex, ethnicity = EXCLUDED.ethnicity,
    disability = EXCLUDED.disability, poor_household = EXCLUDED.poor_household,
    registered_at = EXCLUDED.registered_at, qualified = EXCLUDED.qualified,
    event_times = EXCLUDED.event_times, last_applied_at = EXCLUDED.last_applied_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE learner_fact');
  }
}
