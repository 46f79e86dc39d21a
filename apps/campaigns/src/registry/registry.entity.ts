import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The campaigns service's view of one learner, from learner-registered and learner-updated. */
@Entity({ name: 'learner' })
export class CampaignLearnerEntity {
  @PrimaryColumn({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

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

/** A "Gia đình số" household of the registry, from household-registered: where a visit may go. */
@Entity({ name: 'household' })
export class HouseholdEntity {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
