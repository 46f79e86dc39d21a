import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CourseRepository } from '../catalogue/course.repository';
import { RecordProgressService } from '../enrolments/record-progress.service';
import { type JsonObject } from './domain/statement';
import { type LinkedStatement, statementFact } from './domain/statement-meaning';

/**
 * What linked statements mean for enrolments, applied through the same `decideProgress` path as REST
 * progress (`RecordProgressService.applyAll`), in the caller's transaction: a completion publishes
 * `courses.course-completed.v1` once, whatever is re-sent.
 */
@Injectable()
export class StatementProgressService {
  private readonly logger = new Logger(StatementProgressService.name);

  constructor(
    private readonly courses: CourseRepository,
    private readonly progress: RecordProgressService,
  ) {}

  async apply(
    tx: EntityManager,
    statements: LinkedStatement[],
    reportedBy: string,
    now: Date,
  ): Promise<void> {
    const activityIds = statements.flatMap((s) => {
      const obj = s.statement['object'] as JsonObject;
      if ((obj['objectType'] ?? 'Activity') !== 'Activity') return [];
      const id = String(obj['id']);
      return [id, id.replace(/\/modules\/[^/]+$/, '')];
    });
    if (activityIds.length === 0) return;
    const courses = await this.courses.findPublishedByActivityIds(tx, activityIds);
    if (courses.length === 0) return;
    const facts = statements.map((s) => statementFact(s, courses)).filter((f) => f !== null);
    if (facts.length === 0) return;
    const results = await this.progress.applyAll(
      tx,
      facts.map((fact) => ({ fact, reportedBy })),
      now,
    );
    // The statement itself is stored whatever its meaning: a refused fact (a timestamp before the
    // movement began, say) is logged, not an error of the xAPI call.
    for (const r of results)
      if ('error' in r) this.logger.warn(`statement not applied to progress: ${r.error.message}`);
  }
}
