import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A mentor ("Đại sứ số"): a registered learner guiding others in a unit. */
@Entity({ name: 'mentor' })
export class MentorEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId: string | null;

  @Column({ type: 'text', nullable: true })
  account: string | null;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}

/** A mentee and their mentor, from `assigned_at` until a reassignment ends it (one without an end per mentee). */
@Entity({ name: 'mentee_assignment' })
export class MenteeAssignmentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'mentor_id', type: 'uuid' })
  mentorId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'assigned_by', type: 'text' })
  assignedBy: string;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column({ name: 'ended_by', type: 'text', nullable: true })
  endedBy: string | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}

/** A helper at a commune's public-service desk. */
@Entity({ name: 'desk_helper' })
export class DeskHelperEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
