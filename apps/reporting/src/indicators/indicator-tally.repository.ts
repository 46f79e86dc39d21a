import { Injectable } from '@nestjs/common';
import { Database } from '@bdhvs/service-runtime';
import {
  ADULT_AGE,
  AGE_BANDS,
  KINH,
  LEARNER_INDICATORS,
  LearnerDimension,
  LearnerIndicator,
  UNKNOWN,
  studentLevelsInScope,
} from './domain/indicator';
import { Period, latestBirthDateForAge } from './domain/period';

/** What one unit holds for one indicator and one value of a breakdown (`''` without one). */
export interface CellTally {
  indicator: LearnerIndicator | 'm_family';
  unitCode: string;
  cell: string;
  numerator: number;
  /** People (households for m_family) of the indicator's population in the registry by the period's end. */
  registered: number;
  eventCount: number;
  asOf: Date | null;
}

/**
 * Who each learner indicator is about (contract, "Indicator semantics"), over the `person` rows below.
 * b's levels come from `studentLevelsInScope`; c and d are adults on the period's last day.
 */
const POPULATION: Record<LearnerIndicator, string> = {
  a: `'PUBLIC_SECTOR' = ANY(groups)`,
  b: `'STUDENT' = ANY(groups) AND coalesce(student_level, '${UNKNOWN}') = ANY($3)`,
  c: `dob <= $4`,
  d: `dob <= $4`,
  dd: `'ENTERPRISE_WORKER' = ANY(groups)`,
};

/** A breakdown's value for a person row: whitelisted SQL, never built from input. */
function cellExpression(dimension: LearnerDimension | null): { select: string; from: string } {
  const unknownIfNull = (column: string) => `coalesce(${column}::text, '${UNKNOWN}')`;
  switch (dimension) {
    case null:
      return { select: `''`, from: '' };
    case 'group':
      // A learner in several groups counts in each of them (contract).
      return {
        select: 'g.cell',
        from: `CROSS JOIN LATERAL unnest(CASE WHEN cardinality(person.groups) = 0 THEN ARRAY['${UNKNOWN}'] ELSE person.groups END) AS g(cell)`,
      };
    case 'sex':
      return { select: unknownIfNull('sex'), from: '' };
    case 'ethnicity':
      return { select: unknownIfNull('ethnicity'), from: '' };
    case 'ethnicMinority':
      return {
        select: `CASE WHEN ethnicity IS NULL THEN '${UNKNOWN}' WHEN ethnicity = '${KINH}' THEN 'false' ELSE 'true' END`,
        from: '',
      };
    case 'ageBand': {
      // $5.. are the latest birth dates of each band's lowest age, oldest band first.
      const bands = [...AGE_BANDS].reverse();
      const whens = bands
        .slice(0, -1)
        .map((b, i) => `WHEN dob <= $${5 + i} THEN '${b.band}'`)
        .join(' ');
      return {
        select: `CASE WHEN dob IS NULL THEN '${UNKNOWN}' ${whens} ELSE '${bands[bands.length - 1].band}' END`,
        from: '',
      };
    }
    case 'disability':
      return { select: unknownIfNull('disability'), from: '' };
    case 'poorHousehold':
      return { select: unknownIfNull('poor_household'), from: '' };
  }
}

/** The read side of the indicators: one set-based query per request, over the projection tables. */
@Injectable()
export class IndicatorTallyRepository {
  constructor(private readonly db: Database) {}

  /**
   * Per unit and breakdown value, for every learner indicator: learners qualified at the period's end,
   * learners registered by then, and the certificate events behind the count.
   *
   * Qualified (ADR 0008): a certificate issued before the period's end and not revoked before it. A learner
   * counts once, in the unit of their registry profile; a learner the registry has not told reporting of
   * yet counts in the unit of their first valid certificate, and moves when the registration arrives.
   * Ages come from the registry's date of birth, else the certificate's, else 31 December of the birth
   * year (an erased learner keeps only that).
   */
  async tallyLearners(
    units: string[] | 'all',
    period: Period,
    dimension: LearnerDimension | null,
  ): Promise<CellTally[]> {
    const cell = cellExpression(dimension);
    const measures = LEARNER_INDICATORS.map(
      (i) => `
        count(*) FILTER (WHERE qualified AND ${POPULATION[i]})::int AS ${i}_numerator,
        count(*) FILTER (WHERE registered AND ${POPULATION[i]})::int AS ${i}_registered,
        coalesce(sum(events) FILTER (WHERE ${POPULATION[i]}), 0)::int AS ${i}_events,
        max(as_of) FILTER (WHERE ${POPULATION[i]}) AS ${i}_as_of`,
    ).join(',');
    const bornBy = [...AGE_BANDS]
      .reverse()
      .slice(0, -1)
      .map((b) => latestBirthDateForAge(period.lastDay, b.from));
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `WITH candidate AS (
         SELECT learner_key FROM learner_profile WHERE $1::text[] IS NULL OR unit_code = ANY($1)
         UNION
         SELECT learner_key FROM qualification WHERE issued_at < $2 AND ($1::text[] IS NULL OR unit_code = ANY($1))
       ),
       certified AS (
         SELECT q.learner_key,
                bool_or(r.revoked_at IS NULL OR r.revoked_at >= $2) AS qualified,
                (array_agg(q.unit_code ORDER BY (r.revoked_at IS NULL OR r.revoked_at >= $2) DESC, q.issued_at))[1] AS unit_code,
                (array_agg(q.date_of_birth ORDER BY q.issued_at))[1] AS dob,
                (count(*) + count(r.revoked_at) FILTER (WHERE r.revoked_at < $2))::int AS events,
                greatest(max(q.applied_at), max(r.applied_at) FILTER (WHERE r.revoked_at < $2)) AS as_of
         FROM qualification q LEFT JOIN revocation r ON r.certificate_id = q.certificate_id
         WHERE q.issued_at < $2 AND q.learner_key IN (SELECT learner_key FROM candidate)
         GROUP BY q.learner_key
       ),
       person AS (
         SELECT coalesce(p.unit_code, c.unit_code) AS unit_code,
                coalesce(p.date_of_birth, c.dob, make_date(p.birth_year, 12, 31)) AS dob,
                coalesce(p.groups, '{}') AS groups, p.student_level, p.sex, p.ethnicity, p.disability,
                p.poor_household,
                coalesce(c.qualified, false) AS qualified,
                coalesce(p.registered_at < $2, false) AS registered,
                coalesce(c.events, 0) AS events, c.as_of
         FROM candidate k
         LEFT JOIN learner_profile p ON p.learner_key = k.learner_key
         LEFT JOIN certified c ON c.learner_key = k.learner_key
       )
       SELECT unit_code, ${cell.select} AS cell, ${measures}
       FROM person ${cell.from}
       WHERE $1::text[] IS NULL OR unit_code = ANY($1)
       GROUP BY 1, 2`,
      [
        units === 'all' ? null : units,
        period.end,
        studentLevelsInScope(period.year),
        latestBirthDateForAge(period.lastDay, ADULT_AGE),
        // Postgres refuses a parameter the statement does not use: the band limits only for ageBand.
        ...(dimension === 'ageBand' ? bornBy : []),
      ],
    );
    return rows.flatMap((row) =>
      LEARNER_INDICATORS.map((indicator) => ({
        indicator,
        unitCode: row['unit_code'] as string,
        cell: row['cell'] as string,
        numerator: row[`${indicator}_numerator`] as number,
        registered: row[`${indicator}_registered`] as number,
        eventCount: row[`${indicator}_events`] as number,
        asOf: (row[`${indicator}_as_of`] as Date | null) ?? null,
      })),
    );
  }

  /**
   * m_family per unit: households registered by the period's end, and those with at least one member
   * qualified at its end (a member by the household's own record or by their registry profile).
   */
  async tallyHouseholds(units: string[] | 'all', period: Period): Promise<CellTally[]> {
    const rows: {
      unit_code: string;
      registered: number;
      learned: number;
      events: number;
      as_of: Date | null;
    }[] = await this.db.manager.query(
      `WITH member AS (
           SELECT household_id, learner_key FROM household_member
           UNION
           SELECT household_id, learner_key FROM learner_profile WHERE household_id IS NOT NULL
         ),
         learned AS (
           SELECT m.household_id, count(DISTINCT q.certificate_id)::int AS events, max(q.applied_at) AS as_of
           FROM member m
           JOIN qualification q ON q.learner_key = m.learner_key AND q.issued_at < $2
           LEFT JOIN revocation r ON r.certificate_id = q.certificate_id
           WHERE r.revoked_at IS NULL OR r.revoked_at >= $2
           GROUP BY m.household_id
         )
         SELECT h.unit_code, count(*)::int AS registered, count(l.household_id)::int AS learned,
                coalesce(sum(l.events), 0)::int AS events, max(l.as_of) AS as_of
         FROM household h LEFT JOIN learned l ON l.household_id = h.household_id
         WHERE h.registered_at < $2 AND ($1::text[] IS NULL OR h.unit_code = ANY($1))
         GROUP BY h.unit_code`,
      [units === 'all' ? null : units, period.end],
    );
    return rows.map((r) => ({
      indicator: 'm_family',
      unitCode: r.unit_code,
      cell: '',
      numerator: r.learned,
      registered: r.registered,
      eventCount: r.events,
      asOf: r.as_of,
    }));
  }
}
