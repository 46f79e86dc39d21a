import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Each registration or correction of a learner, from learner-registered and learner-updated. */
@Entity({ name: 'learner_change' })
export class LearnerChangeEntity {
  @PrimaryColumn({ name: 'source_event_id', type: 'text' })
  sourceEventId: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ type: 'text' })
  kind: 'registered' | 'updated';

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;
}

/** One row per learner: the fold of their changes. */
@Entity({ name: 'learner' })
export class LearnerEntity {
  @PrimaryColumn({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ type: 'text', array: true })
  groups: string[];

  @Column({ name: 'student_level', type: 'text', nullable: true })
  studentLevel: string | null;

  @Column({ type: 'text', nullable: true })
  ethnicity: string | null;

  @Column({ type: 'boolean', nullable: true })
  disability: boolean | null;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ name: 'birth_year', type: 'int', nullable: true })
  birthYear: number | null;

  @Column({ type: 'boolean' })
  erased: boolean;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}

/** Today's (2025) map of units, from the learners service's unit-registered events. */
@Entity({ name: 'administrative_unit' })
export class AdministrativeUnitEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;
}
