import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { ClassSessionEntity, CourseCompletionEntity } from './learning.entity';

/** The only code that knows the course_completion and class_session tables. */
@Injectable()
export class LearningRepository {
  private readonly completions: EntityTable<CourseCompletionEntity>;
  private readonly sessions: EntityTable<ClassSessionEntity>;

  constructor(db: Database) {
    this.completions = EntityTable.of(db.dataSource, CourseCompletionEntity);
    this.sessions = EntityTable.of(db.dataSource, ClassSessionEntity);
  }

  /** One statement; a course completed again (it never is) keeps its first completion. */
  async recordCompletions(tx: EntityManager, rows: Omit<CourseCompletionEntity, 'appliedAt'>[]) {
    await this.completions.insertMany(tx, rows, { onConflict: '(learner_key, course_id) DO NOTHING' });
  }

  async recordSessions(tx: EntityManager, rows: Omit<ClassSessionEntity, 'appliedAt'>[]) {
    const once = new Map(rows.map((r) => [`${r.classId}|${r.sessionNumber}`, r]));
    await this.sessions.insertMany(tx, [...once.values()], {
      onConflict: '(class_id, session_number) DO NOTHING',
    });
  }
}
