import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A completed course, from courses.course-completed.v1: a second way to qualify for a, b and đ. */
@Entity({ name: 'course_completion' })
export class CourseCompletionEntity {
  @PrimaryColumn({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @PrimaryColumn({ name: 'course_id', type: 'uuid' })
  courseId: string;

  /** The target groups whose programme the course belongs to. */
  @Column({ type: 'text', array: true })
  groups: string[];

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt: Date;

  @Column({ name: 'source_event_id', type: 'text' })
  sourceEventId: string;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/** A community class session held, from courses.attendance-recorded.v1 (m_classes_week). */
@Entity({ name: 'class_session' })
export class ClassSessionEntity {
  @PrimaryColumn({ name: 'class_id', type: 'uuid' })
  classId: string;

  @PrimaryColumn({ name: 'session_number', type: 'int' })
  sessionNumber: number;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}
