import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A mentor, from campaigns.mentor-registered.v1 (m_mentor5's denominator). */
@Entity({ name: 'campaign_mentor' })
export class CampaignMentorEntity {
  @PrimaryColumn({ name: 'mentor_id', type: 'uuid' })
  mentorId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/**
 * A mentee of a mentor from `assigned_at` until `ended_at` (a reassignment), from
 * campaigns.mentee-assigned.v1 and campaigns.mentee-reassigned.v1.
 */
@Entity({ name: 'campaign_mentee' })
export class CampaignMenteeEntity {
  @PrimaryColumn({ name: 'mentor_id', type: 'uuid' })
  mentorId: string;

  @PrimaryColumn({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @PrimaryColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/** A public-service desk helper, from campaigns.desk-helper-registered.v1 (m_desk). */
@Entity({ name: 'campaign_desk_helper' })
export class CampaignDeskHelperEntity {
  @PrimaryColumn({ name: 'helper_id', type: 'uuid' })
  helperId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/** One statement of a learner's identity, from campaigns.identity-status-recorded.v1 (m_identity16). */
@Entity({ name: 'identity_status' })
export class IdentityStatusEntity {
  @PrimaryColumn({ name: 'source_event_id', type: 'text' })
  sourceEventId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'vneid_status', type: 'text', nullable: true })
  vneidStatus: string | null;

  @Column({ name: 'digital_bank_account', type: 'boolean', nullable: true })
  digitalBankAccount: boolean | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/** A team, from campaigns.team-created.v1 (team rankings). */
@Entity({ name: 'campaign_team' })
export class CampaignTeamEntity {
  @PrimaryColumn({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/** A door-to-door visit, from campaigns.visit-recorded.v1 (m_visits). */
@Entity({ name: 'campaign_visit' })
export class CampaignVisitEntity {
  @PrimaryColumn({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  /** Null for a visit applied before the column existed. */
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'visited_at', type: 'timestamptz' })
  visitedAt: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/** A learner who took part in a campaign activity, from campaigns.activity-recorded.v1 (m_4t). */
@Entity({ name: 'campaign_participation' })
export class CampaignParticipationEntity {
  @PrimaryColumn({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @PrimaryColumn({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ type: 'text' })
  model: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'boolean' })
  completed: boolean;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}
