import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ImportRowError } from './domain/learner-import';

/** An importLearners answered 202: its state and, once done, its counts and row errors. */
@Entity({ name: 'learner_import' })
export class LearnerImportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  state: string;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  /** The caller's unit (null for a province-wide caller): unit officers of it read the import too. */
  @Column({ name: 'unit_code', type: 'text', nullable: true })
  unitCode: string | null;

  @Column({ type: 'integer', default: 0 })
  accepted: number;

  @Column({ type: 'integer', default: 0 })
  rejected: number;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors: ImportRowError[];

  @Column({ name: 'errors_truncated', type: 'boolean', default: false })
  errorsTruncated: boolean;

  /** Why the whole import stopped (a wrong header, an over-long line): a problem code, detail and extras. */
  @Column({ type: 'jsonb', nullable: true })
  failure: { code: string; detail: string; extra: Record<string, unknown> } | null;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
