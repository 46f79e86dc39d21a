import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A learner: citizen ID and name only sealed (AES-256-GCM, key id beside them); learner_key is the blind index. */
@Entity({ name: 'learner' })
export class LearnerEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'learner_key', type: 'char', length: 64, unique: true })
  learnerKey: string;

  @Column({ name: 'citizen_id_sealed', type: 'text', nullable: true })
  citizenIdSealed: string | null;

  @Column({ name: 'full_name_sealed', type: 'text', nullable: true })
  fullNameSealed: string | null;

  @Column({ name: 'pii_key_id', type: 'text', nullable: true })
  piiKeyId: string | null;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ name: 'birth_year', type: 'integer' })
  birthYear: number;

  @Column({ type: 'text' })
  sex: string;

  @Column({ type: 'text', nullable: true })
  ethnicity: string | null;

  @Column({ type: 'boolean', nullable: true })
  disability: boolean | null;

  @Column({ name: 'poor_household', type: 'boolean', nullable: true })
  poorHousehold: boolean | null;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'village_code', type: 'text', nullable: true })
  villageCode: string | null;

  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Column({ type: 'text', array: true })
  groups: string[];

  @Column({ name: 'student_level', type: 'text', nullable: true })
  studentLevel: string | null;

  @Column({ type: 'text', nullable: true })
  employer: string | null;

  @Column({ type: 'text', nullable: true })
  school: string | null;

  @Column({ name: 'vneid_status', type: 'text', default: 'none' })
  vneidStatus: string;

  @Column({ name: 'digital_bank_account', type: 'boolean', default: false })
  digitalBankAccount: boolean;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  /** The bulk import that registered the learner: tells a repeat within a file from an earlier registration. */
  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' })
  registeredAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  /** REGISTRY (an officer or an import) or VNEID (first known from a VNeID certification). */
  @Column({ type: 'text', default: 'REGISTRY' })
  source: string;

  /** A VNEID learner's completion by an officer's registration; null until then (and for REGISTRY). */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

/** A correction: before and after of the fields that changed, personal data only as "[changed]". */
@Entity({ name: 'learner_history' })
export class LearnerHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;

  @Column({ type: 'jsonb' })
  before: object;

  @Column({ type: 'jsonb' })
  after: object;
}

/** Every read of personal data: who, when, which learner, why. */
@Entity({ name: 'personal_data_access' })
export class PersonalDataAccessEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'actor_sub', type: 'text' })
  actorSub: string;

  @Column({ name: 'actor_roles', type: 'text', array: true })
  actorRoles: string[];

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'accessed_at', type: 'timestamptz', default: () => 'now()' })
  accessedAt: Date;
}
