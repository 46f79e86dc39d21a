import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import {
  CampaignDeskHelperEntity,
  CampaignMenteeEntity,
  CampaignMentorEntity,
  CampaignParticipationEntity,
  CampaignTeamEntity,
  CampaignVisitEntity,
  IdentityStatusEntity,
} from './campaigns.entity';

type Row<T> = Omit<T, 'appliedAt'>;

/** The only code that writes the campaign projections; a row seen again changes nothing. */
@Injectable()
export class CampaignsRepository {
  private readonly mentors: EntityTable<CampaignMentorEntity>;
  private readonly mentees: EntityTable<CampaignMenteeEntity>;
  private readonly helpers: EntityTable<CampaignDeskHelperEntity>;
  private readonly identities: EntityTable<IdentityStatusEntity>;
  private readonly teams: EntityTable<CampaignTeamEntity>;
  private readonly visits: EntityTable<CampaignVisitEntity>;
  private readonly participation: EntityTable<CampaignParticipationEntity>;

  constructor(db: Database) {
    this.mentors = EntityTable.of(db.dataSource, CampaignMentorEntity);
    this.mentees = EntityTable.of(db.dataSource, CampaignMenteeEntity);
    this.helpers = EntityTable.of(db.dataSource, CampaignDeskHelperEntity);
    this.identities = EntityTable.of(db.dataSource, IdentityStatusEntity);
    this.teams = EntityTable.of(db.dataSource, CampaignTeamEntity);
    this.visits = EntityTable.of(db.dataSource, CampaignVisitEntity);
    this.participation = EntityTable.of(db.dataSource, CampaignParticipationEntity);
  }

  async recordMentors(tx: EntityManager, rows: Row<CampaignMentorEntity>[]): Promise<void> {
    await this.mentors.insertMany(
      tx,
      unique(rows, (r) => r.mentorId),
      { onConflict: '(mentor_id) DO NOTHING' },
    );
  }

  async recordMentees(tx: EntityManager, rows: Row<CampaignMenteeEntity>[]): Promise<void> {
    await this.mentees.insertMany(
      tx,
      unique(rows, (r) => `${r.mentorId}|${r.learnerKey}|${r.assignedAt.toISOString()}`),
      { onConflict: '(mentor_id, learner_key, assigned_at) DO NOTHING' },
    );
  }

  /**
   * Assignments that ended: the row is written whether or not its mentee-assigned event arrived first
   * (another topic), and that event, arriving later, leaves the end in place.
   */
  async endMentees(tx: EntityManager, rows: Row<CampaignMenteeEntity>[]): Promise<void> {
    await this.mentees.insertMany(
      tx,
      unique(rows, (r) => `${r.mentorId}|${r.learnerKey}|${r.assignedAt.toISOString()}`),
      { onConflict: '(mentor_id, learner_key, assigned_at) DO UPDATE SET ended_at = EXCLUDED.ended_at' },
    );
  }

  async recordHelpers(tx: EntityManager, rows: Row<CampaignDeskHelperEntity>[]): Promise<void> {
    await this.helpers.insertMany(
      tx,
      unique(rows, (r) => r.helperId),
      { onConflict: '(helper_id) DO NOTHING' },
    );
  }

  async recordIdentities(tx: EntityManager, rows: Row<IdentityStatusEntity>[]): Promise<void> {
    await this.identities.insertMany(
      tx,
      unique(rows, (r) => r.sourceEventId),
      {
        onConflict: '(source_event_id) DO NOTHING',
      },
    );
  }

  async recordTeams(tx: EntityManager, rows: Row<CampaignTeamEntity>[]): Promise<void> {
    await this.teams.insertMany(
      tx,
      unique(rows, (r) => r.teamId),
      { onConflict: '(team_id) DO NOTHING' },
    );
  }

  async recordVisits(tx: EntityManager, rows: Row<CampaignVisitEntity>[]): Promise<void> {
    await this.visits.insertMany(
      tx,
      unique(rows, (r) => r.visitId),
      { onConflict: '(visit_id) DO NOTHING' },
    );
  }

  async recordParticipation(tx: EntityManager, rows: Row<CampaignParticipationEntity>[]): Promise<void> {
    await this.participation.insertMany(
      tx,
      unique(rows, (r) => `${r.activityId}|${r.learnerKey}`),
      { onConflict: '(activity_id, learner_key) DO NOTHING' },
    );
  }
}

function unique<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}
