import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { Enrolment, ProgressFact } from './domain/enrolment';
import { EnrolmentEntity, PendingIntakeEntity } from './enrolment.entity';

/** A fact kept until its learner is known, with who reported it. */
export interface PendingIntake extends ProgressFact {
  id: string;
  reportedBy: string;
}

/** The only code that knows the enrolment and pending_intake tables. */
@Injectable()
export class EnrolmentRepository {
  private readonly enrolments: EntityTable<EnrolmentEntity>;
  private readonly pending: EntityTable<PendingIntakeEntity>;

  constructor(private readonly db: Database) {
    this.enrolments = EntityTable.of(db.dataSource, EnrolmentEntity);
    this.pending = EntityTable.of(db.dataSource, PendingIntakeEntity);
  }

  /** The enrolments of these learners in these courses (a superset of the pairs asked), in one query. */
  async findPairs(tx: EntityManager, learnerIds: string[], courseIds: string[]): Promise<Enrolment[]> {
    return tx.query(
      `SELECT ${this.enrolments.select('e')} FROM enrolment e
        WHERE e.learner_id = ANY($1::uuid[]) AND e.course_id = ANY($2::uuid[])`,
      [[...new Set(learnerIds)], [...new Set(courseIds)]],
    );
  }

  /** New enrolments and new states of known ones, in one statement. */
  async save(tx: EntityManager, enrolments: Enrolment[]): Promise<void> {
    const set = [
      'progress_percent',
      'completed_modules',
      'best_score',
      'milestone',
      'completed_at',
      'completed_via',
      'updated_at',
    ]
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ');
    await this.enrolments.insertMany(tx, enrolments, {
      onConflict: `(learner_id, course_id) DO UPDATE SET ${set}`,
    });
  }

  async findById(id: string): Promise<Enrolment | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.enrolments.select('e')} FROM enrolment e WHERE e.id = $1`,
      [id],
    );
    return (row as Enrolment | undefined) ?? null;
  }

  async ofLearner(manager: EntityManager, learnerId: string): Promise<Enrolment[]> {
    return manager.query(
      `SELECT ${this.enrolments.select('e')} FROM enrolment e WHERE e.learner_id = $1 ORDER BY e.enrolled_at, e.id`,
      [learnerId],
    );
  }

  async keep(tx: EntityManager, intakes: PendingIntake[]): Promise<void> {
    await this.pending.insertMany(tx, intakes);
  }

  /** What waits for these learners, in arrival order. */
  async waitingFor(tx: EntityManager, learnerIds: string[]): Promise<PendingIntake[]> {
    return tx.query(
      `SELECT ${this.pending.select('p')} FROM pending_intake p WHERE p.learner_id = ANY($1::uuid[]) ORDER BY p.seq`,
      [learnerIds],
    );
  }

  async drop(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length > 0) await tx.query('DELETE FROM pending_intake WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** Reports still waiting for their learner, oldest first. */
  async listWaiting(filter: {
    reportedBy?: string;
    learnerId?: string;
    courseId?: string;
    limit: number;
  }): Promise<PendingIntake[]> {
    return this.db.manager.query(
      `SELECT ${this.pending.select('p')} FROM pending_intake p
        WHERE ($1::text IS NULL OR p.reported_by = $1)
          AND ($2::uuid IS NULL OR p.learner_id = $2)
          AND ($3::uuid IS NULL OR p.course_id = $3)
        ORDER BY p.seq LIMIT $4`,
      [filter.reportedBy ?? null, filter.learnerId ?? null, filter.courseId ?? null, filter.limit],
    );
  }
}
