import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Outbox } from '@bdhvs/messaging';
import { Database, GroupCommit, SERVICE_CONFIG, TraceContext, currentTrace } from '@bdhvs/service-runtime';
import { CourseRepository } from '../catalogue/course.repository';
import { Course } from '../catalogue/domain/course';
import { CoursesConfig } from '../config/courses-config';
import { RegistryRepository } from '../registry/registry.repository';
import { Enrolment, ProgressFact, decideProgress } from './domain/enrolment';
import { enrolmentEvent } from './enrolment.events';
import { EnrolmentRepository, PendingIntake } from './enrolment.repository';

/** A fact as a channel hands it in: who reported it and the trace its events continue. */
export interface ReportedFact {
  fact: ProgressFact;
  reportedBy: string;
  trace?: TraceContext;
}

export type IntakeResult =
  | { kind: 'applied'; enrolment: Enrolment; created: boolean; course: Course }
  | { kind: 'pending'; pending: PendingIntake };

/** A MOOC progress report, as recordProgress takes it. */
export interface ProgressReport {
  learnerId: string;
  courseId: string;
  progressPercent: number;
  moduleCode?: string;
  score?: number;
  completedAt?: string;
}

/**
 * Applies enrolments, progress reports, waiting reports and class attendance as a set, whichever channel
 * brought them: the batch's learners are locked in one statement, what it is decided on is loaded in
 * three, `decideProgress` decides it in order, and multi-row statements store the enrolments, the
 * waiting reports and the outbox rows in the caller's transaction.
 */
@Injectable()
export class RecordProgressService {
  private readonly logger = new Logger(RecordProgressService.name);
  private readonly calls: GroupCommit<ReportedFact & { pendingId: string }, IntakeOrError>;

  constructor(
    private readonly db: Database,
    private readonly enrolments: EnrolmentRepository,
    private readonly registry: RegistryRepository,
    private readonly courses: CourseRepository,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) config: CoursesConfig,
  ) {
    // Concurrent MOOC calls share one transaction; each answer waits for that commit.
    this.calls = new GroupCommit(
      (items) => this.db.transaction((tx) => this.applyAll(tx, items, new Date())),
      { maxWaitMs: config.COURSES_PROGRESS_GROUP_COMMIT_MS, maxItems: 1_000, maxConcurrent: 4 },
    );
  }

  /** recordProgress: one MOOC report, durably applied or kept for its learner before it resolves. */
  async record(reportedBy: string, report: ProgressReport, now = new Date()): Promise<IntakeResult> {
    const at = report.completedAt ? new Date(report.completedAt) : now;
    const outcome = await this.calls.submit({
      fact: {
        learnerId: report.learnerId,
        courseId: report.courseId,
        via: 'MOOC',
        enrolOnly: false,
        progressPercent: report.progressPercent,
        moduleCodes: report.moduleCode === undefined ? [] : [report.moduleCode],
        score: report.score ?? null,
        at,
        atGiven: report.completedAt !== undefined,
        receivedAt: now,
        mayWait: true,
      },
      reportedBy,
      trace: currentTrace(),
      pendingId: randomUUID(),
    });
    if ('error' in outcome) throw outcome.error;
    return outcome;
  }

  /** Applies facts in the caller's transaction; one result per fact, a refused one as its error. */
  async applyAll(
    tx: EntityManager,
    items: (ReportedFact & { pendingId?: string })[],
    now: Date,
  ): Promise<IntakeOrError[]> {
    const facts = items.map((i) => i.fact);
    const learnerIds = facts.map((f) => f.learnerId);
    const courseIds = facts.map((f) => f.courseId);
    await this.registry.lockLearners(tx, learnerIds);
    const learners = await this.registry.findLearners(tx, learnerIds);
    const courses = await this.courses.findByIds(tx, courseIds);
    const enrolments = await this.enrolments.findPairs(tx, learnerIds, courseIds);
    const plan = decideProgress(facts, { learners, courses, enrolments }, randomUUID, now);
    const kept: PendingIntake[] = [];
    const results = plan.outcomes.map((outcome, i): IntakeOrError => {
      if (outcome.kind === 'rejected') return { error: outcome.error };
      if (outcome.kind === 'applied') return { ...outcome, course: courses.get(facts[i].courseId) as Course };
      const pending = {
        ...facts[i],
        id: items[i].pendingId ?? randomUUID(),
        reportedBy: items[i].reportedBy,
      };
      kept.push(pending);
      return { kind: 'pending', pending };
    });
    await this.enrolments.save(tx, plan.changed);
    await this.enrolments.keep(tx, kept);
    await this.outbox.enqueueAll(
      tx,
      plan.changes.map((change) => enrolmentEvent(change, items[change.fact].trace)),
    );
    return results;
  }

  /** Applies what waited for these learners, now that the registry told us of them. */
  async applyWaiting(tx: EntityManager, learnerIds: string[], now = new Date()): Promise<void> {
    const waiting = await this.enrolments.waitingFor(tx, learnerIds);
    if (waiting.length === 0) return;
    const results = await this.applyAll(
      tx,
      waiting.map((w) => ({ fact: { ...w, mayWait: false }, reportedBy: w.reportedBy })),
      now,
    );
    results.forEach((r, i) => {
      // Checked when received, and courses never unpublish: nothing should be refused here. If something
      // is, it is logged and dropped rather than retried for ever.
      if ('error' in r) this.logger.warn(`waiting report ${waiting[i].id} dropped: ${r.error.message}`);
    });
    await this.enrolments.drop(
      tx,
      waiting.map((w) => w.id),
    );
  }
}

export type IntakeOrError = IntakeResult | { error: Error };
