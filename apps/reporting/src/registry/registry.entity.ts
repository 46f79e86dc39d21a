import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Each registration or correction of a learner, from learner-registered and learner-updated. */
@Entity({ name: 'learner_change' })
export class LearnerChangeEntity {
  @PrimaryColumn({ name: 'source_event_id', type: 'text' })
  sourceEventId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ type: 'text' })
  kind: 'registered' | 'updated';

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/** One row per learner: the fold of their changes, what the indicators read. */
@Entity({ name: 'learner_profile' })
export class LearnerProfileEntity {
  @PrimaryColumn({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ name: 'birth_year', type: 'int', nullable: true })
  birthYear: number | null;

  @Column({ type: 'text', nullable: true })
  sex: string | null;

  @Column({ type: 'text', nullable: true })
  ethnicity: string | null;

  @Column({ type: 'boolean', nullable: true })
  disability: boolean | null;

  @Column({ name: 'poor_household', type: 'boolean', nullable: true })
  poorHousehold: boolean | null;

  @Column({ type: 'text', array: true })
  groups: string[];

  @Column({ name: 'student_level', type: 'text', nullable: true })
  studentLevel: string | null;

  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true })
  registeredAt: Date | null;

  @Column({ type: 'boolean' })
  erased: boolean;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}

/** A "Gia đình số" household, from household-registered. */
@Entity({ name: 'household' })
export class HouseholdEntity {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @Column({ name: 'source_event_id', type: 'text' })
  sourceEventId: string;
}

/** A member of a household, from household-member-added. */
@Entity({ name: 'household_member' })
export class HouseholdMemberEntity {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @PrimaryColumn({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;
}

/** The single row whose version every projection change bumps. */
@Entity({ name: 'projection_version' })
export class ProjectionVersionEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'bigint' })
  version: string;
}
