/**
 * A unit's periodic report (section VI.10 of the plan): submitted by the unit once the period has ended,
 * approved or returned by the level above; approval freezes its rows. Framework-free.
 */
export type ReportStatus = 'OPEN' | 'SUBMITTED' | 'APPROVED' | 'RETURNED';

export interface PeriodicReport {
  unitCode: string;
  period: string;
  status: ReportStatus;
  narrative: string | null;
  submittedBy: string | null;
  submittedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  returnedBy: string | null;
  returnedAt: Date | null;
  comment: string | null;
  /** The rows as they were at approval; null until then. */
  frozenRows: unknown[] | null;
}

/** Who is acting, as the rules need it: roles and the unit the caller is bounded to. */
export interface Reviewer {
  sub: string;
  roles: readonly string[];
  unit?: string;
}

export function openReport(unitCode: string, period: string): PeriodicReport {
  return {
    unitCode,
    period,
    status: 'OPEN',
    narrative: null,
    submittedBy: null,
    submittedAt: null,
    approvedBy: null,
    approvedAt: null,
    returnedBy: null,
    returnedAt: null,
    comment: null,
    frozenRows: null,
  };
}

/** An officer of the unit itself (the province's report: a province admin too). */
export function mayReport(actor: Reviewer, unitCode: string, provinceCode: string): boolean {
  if (actor.roles.includes('unit-officer') && actor.unit === unitCode) return true;
  return unitCode === provinceCode && actor.roles.includes('province-admin') && !actor.unit;
}

/** The level above: an officer of the parent unit; the province's admins for the province and its communes. */
export function mayReview(
  actor: Reviewer,
  unitCode: string,
  parentCode: string | null,
  provinceCode: string,
): boolean {
  const above = parentCode ?? unitCode;
  if (actor.roles.includes('unit-officer') && actor.unit === above && above !== unitCode) return true;
  return above === provinceCode && actor.roles.includes('province-admin') && !actor.unit;
}

export type ReportTransition =
  | { ok: true; report: PeriodicReport }
  | { ok: false; reason: 'period-not-ended' | 'already-approved' | 'not-submitted' };

export function submit(
  report: PeriodicReport,
  by: string,
  narrative: string,
  periodEnd: Date,
  now: Date,
): ReportTransition {
  if (now < periodEnd) return { ok: false, reason: 'period-not-ended' };
  if (report.status === 'APPROVED') return { ok: false, reason: 'already-approved' };
  return {
    ok: true,
    report: { ...report, status: 'SUBMITTED', narrative, submittedBy: by, submittedAt: now, comment: null },
  };
}

export function approve(
  report: PeriodicReport,
  by: string,
  rows: unknown[],
  comment: string | null,
  now: Date,
): ReportTransition {
  if (report.status !== 'SUBMITTED') return { ok: false, reason: 'not-submitted' };
  return {
    ok: true,
    report: { ...report, status: 'APPROVED', approvedBy: by, approvedAt: now, comment, frozenRows: rows },
  };
}

export function returnForChanges(
  report: PeriodicReport,
  by: string,
  comment: string | null,
  now: Date,
): ReportTransition {
  if (report.status !== 'SUBMITTED') return { ok: false, reason: 'not-submitted' };
  return { ok: true, report: { ...report, status: 'RETURNED', returnedBy: by, returnedAt: now, comment } };
}
