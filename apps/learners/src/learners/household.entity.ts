import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A "Gia đình số" household; its members point to it (learner.household_id). */
@Entity({ name: 'household' })
export class HouseholdEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'village_code', type: 'text', nullable: true })
  villageCode: string | null;

  @Column({ name: 'head_learner_id', type: 'uuid', nullable: true })
  headLearnerId: string | null;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' })
  registeredAt: Date;
}
