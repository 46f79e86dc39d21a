import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A unit's report for one period; absent until someone acts on it (then it is OPEN). */
@Entity({ name: 'periodic_report' })
export class PeriodicReportEntity {
  @PrimaryColumn({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @PrimaryColumn({ type: 'text' })
  period: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text', nullable: true })
  narrative: string | null;

  @Column({ name: 'submitted_by', type: 'text', nullable: true })
  submittedBy: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'returned_by', type: 'text', nullable: true })
  returnedBy: string | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'frozen_rows', type: 'jsonb', nullable: true })
  frozenRows: unknown[] | null;
}

/** Who did what to a report, and when: the report's history. */
@Entity({ name: 'periodic_report_action' })
export class PeriodicReportActionEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'increment' })
  id: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'acted_by', type: 'text' })
  actedBy: string;

  @Column({ name: 'acted_at', type: 'timestamptz' })
  actedAt: Date;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
