import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ModulePlanItem, Teacher, WeeklySchedule } from './domain/community-class';

/** A community class of a commune for a course. */
@Entity({ name: 'community_class' })
export class CommunityClassEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ type: 'text' })
  audience: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'jsonb' })
  teacher: Teacher;

  @Column({ type: 'jsonb' })
  schedule: WeeklySchedule;

  @Column({ name: 'module_plan', type: 'jsonb' })
  modulePlan: ModulePlanItem[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A session held: the first attendance recorded for it. */
@Entity({ name: 'class_session' })
export class ClassSessionEntity {
  @PrimaryColumn({ name: 'class_id', type: 'uuid' })
  classId: string;

  @PrimaryColumn({ name: 'session_date', type: 'date' })
  sessionDate: string;

  @Column({ name: 'session_number', type: 'int' })
  sessionNumber: number;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'first_recorded_at', type: 'timestamptz' })
  firstRecordedAt: Date;
}

/** A learner present at a session. */
@Entity({ name: 'class_attendance' })
export class ClassAttendanceEntity {
  @PrimaryColumn({ name: 'class_id', type: 'uuid' })
  classId: string;

  @PrimaryColumn({ name: 'session_date', type: 'date' })
  sessionDate: string;

  @PrimaryColumn({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'session_number', type: 'int' })
  sessionNumber: number;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
