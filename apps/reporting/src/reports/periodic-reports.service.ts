import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope, defaultUnit } from '@bdhvs/auth';
import { ConditionalRead, Database, entityTag, matchesIfNoneMatch } from '@bdhvs/service-runtime';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { ProjectionVersion } from '../registry/projection-version';
import { GetIndicatorsService } from '../indicators/get-indicators.service';
import { UnknownUnitError } from '../indicators/domain/indicator.errors';
import { Period, parsePeriod } from '../indicators/domain/period';
import { IndicatorRowDto } from '../indicators/dto/indicators.dto';
import {
  PeriodicReport,
  ReportTransition,
  approve,
  mayReport,
  mayReview,
  openReport,
  returnForChanges,
  submit,
} from './domain/periodic-report';
import { NotReportingLevelError, ReportStateError } from './domain/report.errors';
import { PeriodicReportRepository } from './periodic-report.repository';
import { ReportSubscriptionsService } from '../subscriptions/report-subscriptions.service';
import { EntityManager } from 'typeorm';
import { PeriodicReportDto } from './dto/periodic-report.dto';

/** getPeriodicReport, submitPeriodicReport, approvePeriodicReport, returnPeriodicReport. */
@Injectable()
export class PeriodicReportsService {
  constructor(
    private readonly db: Database,
    private readonly units: UnitHierarchyRepository,
    private readonly reports: PeriodicReportRepository,
    private readonly indicators: GetIndicatorsService,
    private readonly version: ProjectionVersion,
    private readonly subscriptions: ReportSubscriptionsService,
  ) {}

  /** getPeriodicReport as a conditional read: its ETag moves with every projection or report change. */
  async read(
    actor: Actor,
    unit: string | undefined,
    periodId: string,
    ifNoneMatch?: string,
  ): Promise<ConditionalRead<PeriodicReportDto>> {
    const unitCode = unit ?? defaultUnit(actor, this.units.provinceCode);
    const etag = entityTag([await this.version.current(), 'periodic-report', unitCode, periodId]);
    if (matchesIfNoneMatch(ifNoneMatch, etag)) {
      await this.knownUnit(unitCode, 'unit');
      await assertUnitInScope(actor, unitCode, this.units);
      return { etag, body: null };
    }
    return { etag, body: await this.get(actor, unitCode, periodId) };
  }

  async get(actor: Actor, unit: string | undefined, periodId: string): Promise<PeriodicReportDto> {
    const unitCode = unit ?? defaultUnit(actor, this.units.provinceCode);
    await this.knownUnit(unitCode, 'unit');
    await assertUnitInScope(actor, unitCode, this.units);
    const period = parsePeriod(periodId) as Period;
    const report = (await this.reports.find(unitCode, period.id)) ?? openReport(unitCode, period.id);
    const subunits = (await this.units.subtree(unitCode)).filter((u) => u.parentCode === unitCode);
    const statuses = await this.reports.statuses(
      subunits.map((u) => u.code),
      period.id,
    );
    const submitted = subunits.filter((u) => ['SUBMITTED', 'APPROVED'].includes(statuses.get(u.code) ?? ''));
    const live = await this.indicators.unitRows(unitCode, period);
    const frozen = report.frozenRows as IndicatorRowDto[] | null;
    const amendments =
      report.status === 'APPROVED' && report.approvedAt
        ? await this.reports.lateEvents(
            (await this.units.subtree(unitCode)).map((u) => u.code),
            period.end,
            report.approvedAt,
          )
        : [];
    return {
      unitCode,
      period: period.id,
      status: report.status,
      rows: frozen ?? live,
      narrative: report.narrative,
      submittedBy: report.submittedBy,
      submittedAt: report.submittedAt?.toISOString() ?? null,
      approvedBy: report.approvedBy,
      approvedAt: report.approvedAt?.toISOString() ?? null,
      returnedBy: report.returnedBy,
      returnedAt: report.returnedAt?.toISOString() ?? null,
      comment: report.comment,
      completeness: {
        expected: subunits.length,
        submitted: submitted.length,
        missing: subunits.filter((u) => !submitted.includes(u)).map((u) => u.code),
      },
      amendments: amendments.map((e) => ({
        ...e,
        occurredAt: e.occurredAt.toISOString(),
        appliedAt: e.appliedAt.toISOString(),
      })),
      amendmentEffect: frozen
        ? frozen.map((f) => {
            const now = live.find((l) => l.indicator === f.indicator);
            return {
              indicator: f.indicator,
              frozenNumerator: f.numerator,
              liveNumerator: now?.numerator ?? f.numerator,
            };
          })
        : [],
      history: (await this.reports.history(unitCode, period.id)).map((h) => ({
        ...h,
        actedAt: new Date(h.actedAt).toISOString(),
      })),
    };
  }

  async submit(actor: Actor, unitCode: string, periodId: string, narrative: string, now = new Date()) {
    await this.knownUnit(unitCode);
    if (!mayReport(actor, unitCode, this.units.provinceCode))
      throw new NotReportingLevelError('submit', unitCode);
    const period = parsePeriod(periodId) as Period;
    await this.act(unitCode, period, 'SUBMITTED', actor, null, (r) =>
      submit(r, actor.sub, narrative, period.end, now),
    );
  }

  async approve(actor: Actor, unitCode: string, periodId: string, comment: string | null, now = new Date()) {
    await this.assertReviewer(actor, unitCode, 'approve');
    const period = parsePeriod(periodId) as Period;
    await this.act(
      unitCode,
      period,
      'APPROVED',
      actor,
      comment,
      async (r) => approve(r, actor.sub, await this.indicators.unitRows(unitCode, period), comment, now),
      (tx, report) =>
        this.subscriptions.announce(tx, unitCode, 'report-approved', {
          unitCode,
          period: period.id,
          approvedBy: report.approvedBy,
          approvedAt: report.approvedAt?.toISOString(),
          report: `/api/v1/reporting/periodic-reports?unit=${unitCode}&period=${period.id}`,
        }),
    );
  }

  async returnReport(
    actor: Actor,
    unitCode: string,
    periodId: string,
    comment: string | null,
    now = new Date(),
  ) {
    await this.assertReviewer(actor, unitCode, 'return');
    const period = parsePeriod(periodId) as Period;
    await this.act(unitCode, period, 'RETURNED', actor, comment, (r) =>
      returnForChanges(r, actor.sub, comment, now),
    );
  }

  /** One action on one report: locked, decided by the domain, saved with its history line. */
  private async act(
    unitCode: string,
    period: Period,
    action: string,
    actor: Actor,
    comment: string | null,
    decide: (report: PeriodicReport) => ReportTransition | Promise<ReportTransition>,
    then?: (tx: EntityManager, report: PeriodicReport) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.reports.lock(tx, unitCode, period.id);
      const current = (await this.reports.find(unitCode, period.id, tx)) ?? openReport(unitCode, period.id);
      const outcome = await decide(current);
      if (!outcome.ok) throw new ReportStateError(outcome.reason, unitCode, period.id);
      await this.reports.save(tx, outcome.report, { action, actedBy: actor.sub, comment }, new Date());
      await then?.(tx, outcome.report);
      await this.version.bump(tx, { units: [unitCode] });
    });
  }

  private async assertReviewer(actor: Actor, unitCode: string, action: string): Promise<void> {
    const unit = await this.knownUnit(unitCode);
    if (!mayReview(actor, unitCode, unit.parentCode, this.units.provinceCode))
      throw new NotReportingLevelError(action, unitCode);
  }

  private async knownUnit(unitCode: string, field = 'unitCode') {
    const unit = await this.units.find(unitCode);
    if (!unit) throw new UnknownUnitError(unitCode, field);
    return unit;
  }
}
