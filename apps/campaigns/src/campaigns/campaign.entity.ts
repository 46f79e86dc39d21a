import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActivityKind, Model, Organisation } from './domain/campaign';

@Entity({ name: 'campaign' })
export class CampaignEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  model: Model;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'text' })
  organisation: Organisation;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'activity' })
export class ActivityEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId: string;

  @Column({ type: 'text' })
  kind: ActivityKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

@Entity({ name: 'participation' })
export class ParticipationEntity {
  @PrimaryColumn({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @PrimaryColumn({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'attended_at', type: 'timestamptz' })
  attendedAt: Date;

  @Column({ type: 'boolean' })
  completed: boolean;
}
