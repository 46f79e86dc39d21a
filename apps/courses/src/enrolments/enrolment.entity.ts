import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A learner in a course: one row per learner and course. */
@Entity({ name: 'enrolment' })
export class EnrolmentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'enrolled_via', type: 'text' })
  enrolledVia: string;

  @Column({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt: Date;

  @Column({ name: 'progress_percent', type: 'double precision' })
  progressPercent: number;

  @Column({ name: 'completed_modules', type: 'text', array: true })
  completedModules: string[];

  @Column({ name: 'best_score', type: 'double precision', nullable: true })
  bestScore: number | null;

  @Column({ type: 'int' })
  milestone: number;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_via', type: 'text', nullable: true })
  completedVia: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An enrolment or progress report for a learner the registry has not told us of yet. */
@Entity({ name: 'pending_intake' })
export class PendingIntakeEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Arrival order: a learner's waiting reports are applied in it. */
  @Column({ type: 'bigint', insert: false })
  seq: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'text' })
  via: string;

  @Column({ name: 'enrol_only', type: 'boolean' })
  enrolOnly: boolean;

  @Column({ name: 'progress_percent', type: 'double precision', nullable: true })
  progressPercent: number | null;

  @Column({ name: 'module_codes', type: 'text', array: true })
  moduleCodes: string[];

  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  at: Date;

  @Column({ name: 'at_given', type: 'boolean' })
  atGiven: boolean;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'reported_by', type: 'text' })
  reportedBy: string;
}
