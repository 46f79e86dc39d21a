import { Injectable } from '@nestjs/common';
import { Database } from '@bdhvs/service-runtime';
import {
  ADULT_AGE,
  AGE_BANDS,
  IDENTITY_AGE,
  MENTEES_PER_MENTOR,
  KINH,
  LEARNER_INDICATORS,
  LearnerDimension,
  LearnerIndicator,
  UNKNOWN,
  groupOf,
  studentLevelsInScope,
} from './domain/indicator';
import { Period, latestBirthDateForAge } from './domain/period';

/** What one unit holds for one indicator and one value of a breakdown (`''` without one). */
export interface CellTally {
  indicator:
    | LearnerIndicator
    | 'm_family'
    | 'm_classes_week'
    | 'm_mentor5'
    | 'm_desk'
    | 'm_identity16'
    | 'm_visits'
    | 'm_4t';
  unitCode: string;
  cell: string;
  numerator: number;
  /** People (households for m_family) of the indicator's population in the registry by the period's end. */
  registered: number;
  eventCount: number;
  asOf: Date | null;
}

/** One event behind a numerator: a certificate or a completed course. No personal data. */
export interface EvidenceEvent {
  eventId: string;
  producer: 'certification' | 'courses';
  kind: 'certificate-issued' | 'course-completed';
  /** The certificate's or the course's id: the page cursor. */
  subjectId: string;
  occurredAt: Date;
  appliedAt: Date;
  unitCode: string;
}

/** The units a read covers: every unit (the province), or a subtree's codes. */
export type UnitScope = string[] | 'all';

/** Positional parameters of one statement, numbered as they are used: none is ever left unused. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/**
 * How many of a learner's certificate events happened before `end`. Most learners have one event: that
 * case reads the array's element instead of unnesting it, which is most of a province read's cost.
 */
const EVENTS_BEFORE = (end: string) =>
  `CASE cardinality(event_times) WHEN 0 THEN 0 WHEN 1 THEN (event_times[1] < ${end})::int
     ELSE (SELECT count(*) FROM unnest(event_times) AS t WHERE t < ${end})::int END`;

/** The rows of one query over people: each learner once, with what the indicators need. */
class PersonQuery {
  readonly params = new Parameters();
  private units?: string;
  readonly end: string;

  constructor(
    private readonly scope: UnitScope,
    private readonly period: Period,
  ) {
    this.end = this.params.add(period.end, 'timestamptz');
  }

  inScope(column: string): string {
    if (this.scope === 'all') return 'true';
    this.units ??= this.params.add(this.scope, 'text[]');
    return `${column} = ANY(${this.units})`;
  }

  /**
   * Each learner once, from `learner_fact` (kept on every write, ADR 0008): qualified at the period's end
   * when a certificate stands at that instant (`qualified @> end`), registered by then, and the certificate
   * events before the end behind the number.
   */
  ctes(): string {
    const end = this.end;
    return `person AS (
         SELECT learner_key, unit_code, date_of_birth AS dob, groups, student_level, sex, ethnicity,
                disability, poor_household, completions,
                qualified @> ${end} AS qualified,
                coalesce(registered_at < ${end}, false) AS registered,
                ${EVENTS_BEFORE(end)} AS events,
                CASE WHEN ${EVENTS_BEFORE(end)} > 0 THEN last_applied_at END AS as_of
         FROM learner_fact WHERE ${this.inScope('unit_code')}
       )`;
  }

  /**
   * Qualified for an indicator (ADR 0008): a certification standing at the period's end, or, for a, b and
   * đ, a course of the group's programme completed before it.
   */
  qualifiedFor(indicator: LearnerIndicator): string {
    const completed = this.completedFor(indicator);
    return completed ? `(qualified OR ${completed})` : 'qualified';
  }

  /** Whether a course of the indicator's group's programme was completed before the period's end. */
  completedFor(indicator: LearnerIndicator): string | null {
    const group = groupOf(indicator);
    return group ? `coalesce((completions->>'${group}')::timestamptz < ${this.end}, false)` : null;
  }

  /**
   * Who each learner indicator is about (contract, "Indicator semantics"), over `person` rows. b's levels
   * come from `studentLevelsInScope`; c and d are adults on the period's last day.
   */
  population(indicator: LearnerIndicator): string {
    switch (indicator) {
      case 'a':
        return `'PUBLIC_SECTOR' = ANY(groups)`;
      case 'b':
        return `'STUDENT' = ANY(groups) AND coalesce(student_level, '${UNKNOWN}') = ANY(${this.params.add(studentLevelsInScope(this.period.year), 'text[]')})`;
      case 'c':
      case 'd':
        return `dob <= ${this.params.add(latestBirthDateForAge(this.period.lastDay, ADULT_AGE), 'date')}`;
      case 'dd':
        return `'ENTERPRISE_WORKER' = ANY(groups)`;
    }
  }

  /** A breakdown's value for a person row: whitelisted SQL, never built from input. */
  cell(dimension: LearnerDimension | null): { select: string; from: string } {
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
        // Oldest band first: born on or before the latest birth date of the band's lowest age.
        const bands = [...AGE_BANDS].reverse();
        const whens = bands
          .slice(0, -1)
          .map(
            (b) =>
              `WHEN dob <= ${this.params.add(latestBirthDateForAge(this.period.lastDay, b.from), 'date')} THEN '${b.band}'`,
          )
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
}

/** The read side of the indicators: one set-based query per request, over the projection tables. */
@Injectable()
export class IndicatorTallyRepository {
  constructor(private readonly db: Database) {}

  /**
   * Per unit and breakdown value, for each learner indicator asked (every one by default): learners
   * qualified at the period's end, learners registered by then, and the certificate events behind the count.
   */
  async tallyLearners(
    scope: UnitScope,
    period: Period,
    dimension: LearnerDimension | null,
    indicators: readonly LearnerIndicator[] = LEARNER_INDICATORS,
  ): Promise<CellTally[]> {
    const query = new PersonQuery(scope, period);
    const measures = indicators
      .map((i) => {
        const population = query.population(i);
        const completed = query.completedFor(i);
        const events = completed ? `events + (${completed})::int` : 'events';
        return `
        count(*) FILTER (WHERE ${query.qualifiedFor(i)} AND ${population})::int AS ${i}_numerator,
        count(*) FILTER (WHERE registered AND ${population})::int AS ${i}_registered,
        coalesce(sum(${events}) FILTER (WHERE ${population}), 0)::int AS ${i}_events,
        max(as_of) FILTER (WHERE ${population}) AS ${i}_as_of`;
      })
      .join(',');
    const cell = query.cell(dimension);
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `WITH ${query.ctes()}
       SELECT unit_code, ${cell.select} AS cell, ${measures}
       FROM person ${cell.from}
       GROUP BY 1, 2`,
      query.params.values,
    );
    return rows.flatMap((row) =>
      indicators.map((indicator) => ({
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
   * The certificates behind one cell's numerator: each valid certificate, at the period's end, of every
   * learner the cell counts. Ordered by certificate id; `after` continues a page.
   */
  async evidence(
    scope: UnitScope,
    period: Period,
    indicator: LearnerIndicator,
    cell: { dimension: LearnerDimension; value: string } | null,
    page: { limit: number; after?: string },
  ): Promise<EvidenceEvent[]> {
    const query = new PersonQuery(scope, period);
    const population = query.population(indicator);
    const value = query.cell(cell?.dimension ?? null);
    const matches = cell ? `AND ${value.select} = ${query.params.add(cell.value, 'text')}` : '';
    const after = page.after ? `AND "subjectId" > ${query.params.add(page.after, 'uuid')}` : '';
    const group = groupOf(indicator);
    return this.db.manager.query(
      `WITH ${query.ctes()},
       counted AS (
         SELECT DISTINCT person.learner_key, person.unit_code FROM person ${value.from}
         WHERE ${query.qualifiedFor(indicator)} AND ${population} ${matches}
       ),
       evidence AS (
         SELECT q.source_event_id AS "eventId", 'certification' AS producer, 'certificate-issued' AS kind,
                q.certificate_id AS "subjectId", q.issued_at AS "occurredAt", q.applied_at AS "appliedAt",
                counted.unit_code AS "unitCode"
         FROM counted
         JOIN qualification q ON q.learner_key = counted.learner_key AND q.issued_at < ${query.end}
         LEFT JOIN revocation r ON r.certificate_id = q.certificate_id
         WHERE r.revoked_at IS NULL OR r.revoked_at >= ${query.end}
         ${
           group
             ? `UNION ALL
         SELECT cc.source_event_id, 'courses', 'course-completed', cc.course_id, cc.completed_at,
                cc.applied_at, counted.unit_code
         FROM counted
         JOIN course_completion cc ON cc.learner_key = counted.learner_key
           AND cc.completed_at < ${query.end} AND ${query.params.add(group, 'text')} = ANY(cc.groups)`
             : ''
         }
       )
       SELECT * FROM evidence WHERE true ${after}
       ORDER BY "subjectId", "eventId"
       LIMIT ${query.params.add(page.limit, 'int')}`,
      query.params.values,
    );
  }

  /**
   * m_classes_week per unit: community class sessions held in the period (numerator) and the classes that
   * held them (`registered`).
   */
  async tallySessions(scope: UnitScope, period: Period): Promise<CellTally[]> {
    const params = new Parameters();
    const start = params.add(period.start, 'timestamptz');
    const end = params.add(period.end, 'timestamptz');
    const inScope = scope === 'all' ? 'true' : `unit_code = ANY(${params.add(scope, 'text[]')})`;
    const rows: { unit_code: string; sessions: number; classes: number; as_of: Date | null }[] =
      await this.db.manager.query(
        `SELECT unit_code, count(*)::int AS sessions, count(DISTINCT class_id)::int AS classes,
                max(applied_at) AS as_of
         FROM class_session WHERE starts_at >= ${start} AND starts_at < ${end} AND ${inScope}
         GROUP BY unit_code`,
        params.values,
      );
    return rows.map((r) => ({
      indicator: 'm_classes_week',
      unitCode: r.unit_code,
      cell: '',
      numerator: r.sessions,
      registered: r.classes,
      eventCount: r.sessions,
      asOf: r.as_of,
    }));
  }

  /**
   * m_family per unit: households registered by the period's end, and those with at least one member
   * qualified at its end (a member by the household's own record or by their registry profile). Split by
   * the household's poverty only.
   */
  async tallyHouseholds(
    scope: UnitScope,
    period: Period,
    dimension: LearnerDimension | null = null,
  ): Promise<CellTally[]> {
    const query = new PersonQuery(scope, period);
    const end = query.end;
    const cell = query.cell(dimension);
    const rows: RawTally[] = await this.db.manager.query(
      `WITH member AS (${HOUSEHOLD_MEMBERS}),
       learned AS (
         SELECT m.household_id, count(DISTINCT q.certificate_id)::int AS events, max(q.applied_at) AS as_of
         FROM member m
         JOIN qualification q ON q.learner_key = m.learner_key AND q.issued_at < ${end}
         LEFT JOIN revocation r ON r.certificate_id = q.certificate_id
         WHERE r.revoked_at IS NULL OR r.revoked_at >= ${end}
         GROUP BY m.household_id
       ),
       person AS (
         SELECT h.unit_code, l.household_id AS learned, l.events, l.as_of, ${householdPoverty(dimension, 'h')}
         FROM household h LEFT JOIN learned l ON l.household_id = h.household_id
         WHERE h.registered_at < ${end} AND ${query.inScope('h.unit_code')}
       )
       SELECT unit_code, ${cell.select} AS cell, count(*)::int AS registered,
              count(learned)::int AS numerator, coalesce(sum(events), 0)::int AS events, max(as_of) AS as_of
       FROM person ${cell.from}
       GROUP BY 1, 2`,
      query.params.values,
    );
    return rows.map((r) => tallyOf('m_family', r));
  }

  /**
   * m_mentor5 per mentor's unit: mentors registered by the period's end (`registered`), and those guiding
   * at least 5 mentees at its end (assigned before it, not reassigned by then). Events: the registrations
   * and those assignments. Split by the mentor's traits.
   */
  async tallyMentors(
    scope: UnitScope,
    period: Period,
    dimension: LearnerDimension | null = null,
  ): Promise<CellTally[]> {
    const query = new PersonQuery(scope, period);
    const end = query.end;
    const cell = query.cell(dimension);
    const rows: RawTally[] = await this.db.manager.query(
      `WITH person AS (
         SELECT m.unit_code, n.mentees, greatest(m.applied_at, n.as_of) AS as_of, ${PERSON_TRAITS}
         FROM campaign_mentor m
         LEFT JOIN learner_fact f ON f.learner_key = m.learner_key
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS mentees, max(e.applied_at) AS as_of FROM campaign_mentee e
           WHERE e.mentor_id = m.mentor_id AND ${assignedAt('e', end)}
         ) n
         WHERE m.registered_at < ${end} AND ${query.inScope('m.unit_code')}
       )
       SELECT unit_code, ${cell.select} AS cell, count(*)::int AS registered,
              count(*) FILTER (WHERE mentees >= ${query.params.add(MENTEES_PER_MENTOR, 'int')})::int AS numerator,
              (count(*) + sum(mentees))::int AS events, max(as_of) AS as_of
       FROM person ${cell.from}
       GROUP BY 1, 2`,
      query.params.values,
    );
    return rows.map((r) => tallyOf('m_mentor5', r));
  }

  /** m_desk per commune: 1 when at least one desk helper was registered by the period's end; `registered` the helpers. */
  async tallyDesks(scope: UnitScope, period: Period): Promise<CellTally[]> {
    const params = new Parameters();
    const end = params.add(period.end, 'timestamptz');
    const inScope = scope === 'all' ? 'true' : `unit_code = ANY(${params.add(scope, 'text[]')})`;
    const rows: { unit_code: string; helpers: number; as_of: Date | null }[] = await this.db.manager.query(
      `SELECT unit_code, count(*)::int AS helpers, max(applied_at) AS as_of FROM campaign_desk_helper
       WHERE registered_at < ${end} AND ${inScope} GROUP BY unit_code`,
      params.values,
    );
    return rows.map((r) => ({
      indicator: 'm_desk',
      unitCode: r.unit_code,
      cell: '',
      numerator: 1,
      registered: r.helpers,
      eventCount: r.helpers,
      asOf: r.as_of,
    }));
  }

  /**
   * m_identity16 per unit: learners registered by the period's end and aged 16 or more on its last day
   * (`registered`), and those whose latest statements by the end say a VNeID identity (level 1 or 2) and a
   * digital bank account. Each field keeps its latest statement; one that never said anything is "no".
   * Split by the learner's traits.
   */
  async tallyIdentities(
    scope: UnitScope,
    period: Period,
    dimension: LearnerDimension | null = null,
  ): Promise<CellTally[]> {
    const query = new PersonQuery(scope, period);
    const end = query.end;
    const born = query.params.add(latestBirthDateForAge(period.lastDay, IDENTITY_AGE), 'date');
    const cell = query.cell(dimension);
    const rows: RawTally[] = await this.db.manager.query(
      `WITH status AS (
           SELECT learner_key,
                  (array_agg(vneid_status ORDER BY recorded_at DESC, source_event_id)
                     FILTER (WHERE vneid_status IS NOT NULL))[1] AS vneid,
                  (array_agg(digital_bank_account ORDER BY recorded_at DESC, source_event_id)
                     FILTER (WHERE digital_bank_account IS NOT NULL))[1] AS bank,
                  count(*)::int AS events, max(applied_at) AS as_of
           FROM identity_status WHERE recorded_at < ${end}
           GROUP BY learner_key
         ),
         person AS (
           SELECT f.unit_code, s.vneid IN ('level1', 'level2') AND s.bank AS identified, s.events, s.as_of,
                  ${PERSON_TRAITS}
           FROM learner_fact f LEFT JOIN status s ON s.learner_key = f.learner_key
           WHERE f.registered_at < ${end} AND f.date_of_birth <= ${born} AND ${query.inScope('f.unit_code')}
         )
         SELECT unit_code, ${cell.select} AS cell, count(*)::int AS registered,
                count(*) FILTER (WHERE identified)::int AS numerator,
                coalesce(sum(events), 0)::int AS events, max(as_of) AS as_of
         FROM person ${cell.from}
         GROUP BY 1, 2`,
      query.params.values,
    );
    return rows.map((r) => tallyOf('m_identity16', r));
  }

  /**
   * m_visits per unit: door-to-door visits made in the period (a count); `registered` the teams that made
   * them. Split by the visited household's poverty.
   */
  async tallyVisits(
    scope: UnitScope,
    period: Period,
    dimension: LearnerDimension | null = null,
  ): Promise<CellTally[]> {
    const query = new PersonQuery(scope, period);
    const start = query.params.add(period.start, 'timestamptz');
    const cell = query.cell(dimension);
    const rows: RawTally[] = await this.db.manager.query(
      `WITH ${dimension ? `member AS (${HOUSEHOLD_MEMBERS}),` : ''}
       person AS (
         SELECT v.unit_code, v.team_id, v.applied_at, ${householdPoverty(dimension, 'v')}
         FROM campaign_visit v
         WHERE v.visited_at >= ${start} AND v.visited_at < ${query.end} AND ${query.inScope('v.unit_code')}
       )
       SELECT unit_code, ${cell.select} AS cell, count(*)::int AS numerator,
              count(DISTINCT team_id)::int AS registered, count(*)::int AS events, max(applied_at) AS as_of
       FROM person ${cell.from}
       GROUP BY 1, 2`,
      query.params.values,
    );
    return rows.map((r) => tallyOf('m_visits', r));
  }

  /**
   * m_4t per unit: 4T trainees (participants of activities of DIGITAL_MARKET_4T campaigns) who completed one
   * that ended before the period's end, each once, in the unit of their first completion (a count);
   * `registered` the trainees by then, completed or not. Split by the trainee's traits.
   */
  async tally4t(
    scope: UnitScope,
    period: Period,
    dimension: LearnerDimension | null = null,
  ): Promise<CellTally[]> {
    const query = new PersonQuery(scope, period);
    const cell = query.cell(dimension);
    const rows: RawTally[] = await this.db.manager.query(
      `WITH trainee AS (
           SELECT DISTINCT ON (learner_key) learner_key, unit_code,
                  bool_or(completed) OVER (PARTITION BY learner_key) AS completed,
                  count(*) OVER (PARTITION BY learner_key) AS events,
                  max(applied_at) OVER (PARTITION BY learner_key) AS as_of
           FROM campaign_participation
           WHERE model = 'DIGITAL_MARKET_4T' AND ends_at < ${query.end}
           ORDER BY learner_key, completed DESC, ends_at, activity_id
         ),
         person AS (
           SELECT t.unit_code, t.completed, t.events, t.as_of, ${PERSON_TRAITS}
           FROM trainee t LEFT JOIN learner_fact f ON f.learner_key = t.learner_key
           WHERE ${query.inScope('t.unit_code')}
         )
         SELECT unit_code, ${cell.select} AS cell, count(*)::int AS registered,
                count(*) FILTER (WHERE completed)::int AS numerator, sum(events)::int AS events,
                max(as_of) AS as_of
         FROM person ${cell.from}
         GROUP BY 1, 2`,
      query.params.values,
    );
    return rows.map((r) => tallyOf('m_4t', r));
  }
}

/** A tally row as the model indicators' queries answer it. */
interface RawTally {
  unit_code: string;
  cell: string;
  numerator: number;
  registered: number;
  events: number;
  as_of: Date | null;
}

function tallyOf(indicator: CellTally['indicator'], r: RawTally): CellTally {
  return {
    indicator,
    unitCode: r.unit_code,
    cell: r.cell,
    numerator: r.numerator,
    registered: r.registered,
    eventCount: r.events,
    asOf: r.as_of,
  };
}

/**
 * A person's traits from `learner_fact f`, named as `PersonQuery.cell` reads them; a person reporting does
 * not know (yet) has every trait unknown.
 */
const PERSON_TRAITS = `f.date_of_birth AS dob, coalesce(f.groups, '{}') AS groups, f.sex, f.ethnicity,
                       f.disability, f.poor_household`;

/** The members of each household: by the household's own record or by their registry profile. */
const HOUSEHOLD_MEMBERS = `SELECT household_id, learner_key FROM household_member
         UNION
         SELECT household_id, learner_key FROM learner_profile WHERE household_id IS NOT NULL`;

/**
 * A household's poverty as `poor_household`, read only when a breakdown needs it (with a `member` CTE in
 * scope): poor when a member's profile says so, not poor when members say so and none says poor, else
 * unknown.
 */
function householdPoverty(dimension: LearnerDimension | null, alias: string): string {
  if (!dimension) return 'NULL::boolean AS poor_household';
  return `(SELECT bool_or(pf.poor_household) FROM member pm
           JOIN learner_fact pf ON pf.learner_key = pm.learner_key
           WHERE pm.household_id = ${alias}.household_id) AS poor_household`;
}

/** A mentee assignment standing at `end`: begun before it and not ended by then (a reassignment ends it). */
function assignedAt(alias: string, end: string): string {
  return `${alias}.assigned_at < ${end} AND (${alias}.ended_at IS NULL OR ${alias}.ended_at >= ${end})`;
}
