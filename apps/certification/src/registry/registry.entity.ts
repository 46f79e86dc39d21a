import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A unit as the registry announced it: what a VNeID event's unitCode is checked against, and unit scope. */
@Entity({ name: 'known_unit' })
export class KnownUnitEntity {
  @PrimaryColumn()
  code: string;

  @Column()
  name: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;
}

/** A learner of the registry, by the keyed hash of their citizen ID that VNeID events resolve to. */
@Entity({ name: 'known_learner' })
export class KnownLearnerEntity {
  @PrimaryColumn({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64, unique: true })
  learnerKey: string;

  @Column({ name: 'unit_code' })
  unitCode: string;

  /** When the registry said so: an older event never overwrites a newer one. */
  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf: Date;
}
