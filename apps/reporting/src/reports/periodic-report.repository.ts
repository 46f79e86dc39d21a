import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { PeriodicReport, ReportStatus } from './domain/periodic-report';
import { PeriodicReportActionEntity, PeriodicReportEntity } from './periodic-report.entity';

/** A late event: it happened before an approved period's end and arrived after the approval. */
export interface LateEvent {
  eventId: string;
  kind: 'certificate-issued' | 'certificate-revoked';
  occurredAt: Date;
  appliedAt: Date;
  unitCode: string;
}

export interface ReportAction {
  action: string;
  actedBy: string;
  actedAt: Date;
  comment: string | null;
}

/** The only code that knows the periodic report tables. */
@Injectable()
export class PeriodicReportRepository {
  private readonly reports: EntityTable<PeriodicReportEntity>;
  private readonly actions: EntityTable<PeriodicReportActionEntity>;

  constructor(private readonly db: Database) {
    this.reports = EntityTable.of(db.dataSource, PeriodicReportEntity);
    this.actions = EntityTable.of(db.dataSource, PeriodicReportActionEntity);
  }

  /** The report, locked for the transaction when `tx` is given; null when nobody has acted on it yet. */
  async find(unitCode: string, period: string, tx?: EntityManager): Promise<PeriodicReport | null> {
    const [row] = await (tx ?? this.db.manager).query(
      `SELECT ${this.reports.select('r')} FROM periodic_report r WHERE r.unit_code = $1 AND r.period = $2
       ${tx ? 'FOR UPDATE' : ''}`,
      [unitCode, period],
    );
    return (row as PeriodicReport | undefined) ?? null;
  }

  /** Serialises the actions on one report, even on its first one. */
  async lock(tx: EntityManager, unitCode: string, period: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`report:${unitCode}:${period}`]);
  }

  async save(tx: EntityManager, report: PeriodicReport, action: Omit<ReportAction, 'actedAt'>, at: Date) {
    const set = Object.values(this.columnsOf(report))
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ');
    await this.reports.insertMany(tx, [report as PeriodicReportEntity], {
      onConflict: `(unit_code, period) DO UPDATE SET ${set}`,
    });
    await this.actions.insertMany(tx, [
      { unitCode: report.unitCode, period: report.period, ...action, actedAt: at },
    ]);
  }

  private columnsOf(report: PeriodicReport): Record<string, string> {
    const updatable = Object.keys(report).filter((k) => k !== 'unitCode' && k !== 'period');
    return Object.fromEntries(
      updatable.map((k) => [k, this.reports.column(k as keyof PeriodicReportEntity & string)]),
    );
  }

  async history(unitCode: string, period: string): Promise<ReportAction[]> {
    return this.db.manager.query(
      `SELECT action, acted_by AS "actedBy", acted_at AS "actedAt", comment
       FROM periodic_report_action WHERE unit_code = $1 AND period = $2 ORDER BY id`,
      [unitCode, period],
    );
  }

  /** The status of each unit's report for the period (units without one are absent). */
  async statuses(units: string[], period: string): Promise<Map<string, ReportStatus>> {
    const rows: { unit_code: string; status: ReportStatus }[] = await this.db.manager.query(
      'SELECT unit_code, status FROM periodic_report WHERE unit_code = ANY($1) AND period = $2',
      [units, period],
    );
    return new Map(rows.map((r) => [r.unit_code, r.status]));
  }

  /**
   * Certificate events of learners counted in `units` that happened before `end` and were applied after
   * `approvedAt`: they change the stock the approved report froze.
   */
  async lateEvents(units: string[], end: Date, approvedAt: Date): Promise<LateEvent[]> {
    return this.db.manager.query(
      `SELECT * FROM (
         SELECT q.source_event_id AS "eventId", 'certificate-issued' AS kind, q.issued_at AS "occurredAt",
                q.applied_at AS "appliedAt", coalesce(p.unit_code, q.unit_code) AS "unitCode"
         FROM qualification q LEFT JOIN learner_profile p ON p.learner_key = q.learner_key
         WHERE q.issued_at < $2 AND q.applied_at > $3
         UNION ALL
         SELECT r.source_event_id, 'certificate-revoked', r.revoked_at, r.applied_at,
                coalesce(p.unit_code, q.unit_code)
         FROM revocation r JOIN qualification q ON q.certificate_id = r.certificate_id
         LEFT JOIN learner_profile p ON p.learner_key = q.learner_key
         WHERE r.revoked_at < $2 AND r.applied_at > $3
       ) e WHERE "unitCode" = ANY($1) ORDER BY "appliedAt", "eventId" LIMIT 1000`,
      [units, end, approvedAt],
    );
  }
}
