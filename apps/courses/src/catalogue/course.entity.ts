import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Completion, CourseModule } from './domain/course';
import type { ProgrammeRef } from '../programmes/domain/programme';

/** A course of the catalogue with its modules; immutable once published. */
@Entity({ name: 'course' })
export class CourseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', array: true })
  groups: string[];

  @Column({ type: 'text' })
  mode: string;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'text', array: true })
  accessibility: string[];

  @Column({ type: 'text', array: true })
  competencies: string[];

  @Column({ type: 'int', nullable: true })
  level: number | null;

  @Column({ type: 'jsonb' })
  modules: CourseModule[];

  @Column({ type: 'jsonb' })
  completion: Completion;

  @Column({ name: 'activity_id', type: 'text', nullable: true, unique: true })
  activityId: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'jsonb' })
  programmes: ProgrammeRef[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
