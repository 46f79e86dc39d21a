import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateIssuedV1, CertificateRevokedV1 } from '@bdhvs/events';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { OfficialFigureEntity, QualificationEntity, RevocationEntity } from './qualification.entity';

export interface UnitTally {
  qualified: number;
  eventCount: number;
  asOf: Date | null;
}

/** The only code that knows the projection tables. */
@Injectable()
export class QualificationRepository {
  private readonly qualifications: EntityTable<QualificationEntity>;
  private readonly revocations: EntityTable<RevocationEntity>;
  private readonly figureTable: EntityTable<OfficialFigureEntity>;

  constructor(private readonly db: Database) {
    this.qualifications = EntityTable.of(db.dataSource, QualificationEntity);
    this.revocations = EntityTable.of(db.dataSource, RevocationEntity);
    this.figureTable = EntityTable.of(db.dataSource, OfficialFigureEntity);
  }

  /** One statement for a whole batch; a certificate already recorded stays as it was. */
  async recordIssued(tx: EntityManager, events: CertificateIssuedV1[]): Promise<void> {
    await this.qualifications.insertMany(
      tx,
      events.map((e) => ({
        certificateId: e.certificateId,
        learnerKey: e.learnerKey,
        unitCode: e.unitCode,
        dateOfBirth: e.dateOfBirth,
        issuedAt: new Date(e.issuedAt),
        sourceEventId: e.sourceEventId,
      })),
      { onConflict: '(certificate_id) DO NOTHING' },
    );
  }

  async recordRevoked(tx: EntityManager, events: CertificateRevokedV1[]): Promise<void> {
    await this.revocations.insertMany(
      tx,
      events.map((e) => ({
        certificateId: e.certificateId,
        revokedAt: new Date(e.revokedAt),
        sourceEventId: e.sourceEventId,
      })),
      { onConflict: '(certificate_id) DO NOTHING' },
    );
  }

  /**
   * Per unit: learners qualified at `end` (a certificate issued before it and not revoked by then) who
   * were born on or before `bornBy`. Each learner counts once, in the unit of their first certificate.
   */
  async tallyByUnit(units: string[], end: Date, bornBy: string): Promise<Map<string, UnitTally>> {
    const tallies = new Map<string, UnitTally>();
    if (units.length === 0) return tallies;
    const qualified: { unit_code: string; n: number }[] = await this.db.manager.query(
      // The home unit is chosen over all of a learner's certificates, so communes add up to the province.
      `SELECT unit_code, count(*)::int AS n FROM (
         SELECT DISTINCT ON (q.learner_key) q.unit_code, q.date_of_birth
         FROM qualification q LEFT JOIN revocation r ON r.certificate_id = q.certificate_id
         WHERE q.issued_at < $2 AND (r.revoked_at IS NULL OR r.revoked_at >= $2)
           AND q.learner_key IN (SELECT learner_key FROM qualification WHERE unit_code = ANY($1))
         ORDER BY q.learner_key, q.issued_at
       ) s WHERE unit_code = ANY($1) AND date_of_birth <= $3 GROUP BY unit_code`,
      [units, end, bornBy],
    );
    const events: { unit_code: string; n: number; as_of: Date | null }[] = await this.db.manager.query(
      `SELECT q.unit_code,
              (count(*) + count(r.certificate_id) FILTER (WHERE r.revoked_at < $2))::int AS n,
              greatest(max(q.applied_at), max(r.applied_at) FILTER (WHERE r.revoked_at < $2)) AS as_of
       FROM qualification q LEFT JOIN revocation r ON r.certificate_id = q.certificate_id
       WHERE q.unit_code = ANY($1) AND q.issued_at < $2 GROUP BY q.unit_code`,
      [units, end],
    );
    for (const row of events)
      tallies.set(row.unit_code, { qualified: 0, eventCount: row.n, asOf: row.as_of });
    for (const row of qualified) {
      const tally = tallies.get(row.unit_code) ?? { qualified: 0, eventCount: 0, asOf: null };
      tally.qualified = row.n;
      tallies.set(row.unit_code, tally);
    }
    return tallies;
  }

  async figures(
    kind: 'denominator' | 'target',
    units: string[],
    year: number,
    indicator: string,
  ): Promise<Map<string, number>> {
    const rows: { unit_code: string; value: string }[] = await this.db.manager.query(
      `SELECT unit_code, value FROM official_figure WHERE kind = $1 AND unit_code = ANY($2) AND year = $3 AND indicator = $4`,
      [kind, units, year, indicator],
    );
    return new Map(rows.map((r) => [r.unit_code, Number(r.value)]));
  }

  /** Sets the figures in one statement; a unit named twice keeps its last value. */
  async setFigures(tx: EntityManager, figures: Omit<OfficialFigureEntity, 'setAt'>[]): Promise<void> {
    const last = new Map(figures.map((f) => [`${f.kind}|${f.unitCode}|${f.year}|${f.indicator}`, f]));
    await this.figureTable.insertMany(tx, [...last.values()], {
      onConflict:
        '(kind, unit_code, year, indicator) DO UPDATE SET value = EXCLUDED.value, set_by = EXCLUDED.set_by, set_at = now()',
    });
  }
}
