/**
 * Recomputes the facts of the learners in `$1` from the projections (ADR 0008):
 * - where they count: the registry's unit, else the unit of their first certificate that stood;
 * - their date of birth: the registry's, else the first certificate's, else 31 December of the birth year;
 * - `qualified`: the instants at which a certificate of theirs stands, each `(issued, revoked]`: a learner
 *   is qualified at a period's end `e` when `qualified @> e`, i.e. issued before `e` and not revoked
 *   before it (a revocation at `e` itself belongs to the next period);
 * - `event_times`: when each certificate event happened, for the provenance of a number;
 * - `completions`: per target group, when they first completed a course of that group's programme.
 * A learner neither registered nor certified has no row. The keys are char(64) like the columns: as text,
 * the comparison would cast every column value and no index would serve (a full scan per learner).
 */
export const REFRESH_LEARNER_FACTS = `
  INSERT INTO learner_fact (learner_key, unit_code, date_of_birth, groups, student_level, sex, ethnicity,
                            disability, poor_household, registered_at, qualified, event_times, last_applied_at,
                            completions)
  SELECT k.key, coalesce(p.unit_code, c.first_unit),
         coalesce(p.date_of_birth, c.first_dob, make_date(p.birth_year, 12, 31)),
         coalesce(p.groups, '{}'), p.student_level, p.sex, p.ethnicity, p.disability, p.poor_household,
         p.registered_at, coalesce(c.qualified, '{}'), coalesce(c.event_times, '{}'), c.last_applied_at,
         coalesce((SELECT jsonb_object_agg(g.grp, g.first_at) FROM (
                     SELECT grp, min(cc.completed_at) AS first_at FROM course_completion cc, unnest(cc.groups) AS grp
                     WHERE cc.learner_key = k.key GROUP BY grp) g), '{}')
  FROM unnest($1::char(64)[]) AS k(key)
  LEFT JOIN learner_profile p ON p.learner_key = k.key
  LEFT JOIN LATERAL (
    -- A certificate revoked from its issue on (a correction's revoke-and-reissue) never placed anyone.
    SELECT (array_agg(q.unit_code ORDER BY (r.revoked_at IS NOT NULL AND r.revoked_at <= q.issued_at),
                                           q.issued_at))[1] AS first_unit,
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
    event_times = EXCLUDED.event_times, last_applied_at = EXCLUDED.last_applied_at,
    completions = EXCLUDED.completions`;
