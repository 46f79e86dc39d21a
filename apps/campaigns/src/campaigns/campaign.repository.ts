import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { Activity, Campaign, Participant } from './domain/campaign';
import { ActivityEntity, CampaignEntity, ParticipationEntity } from './campaign.entity';

export interface ActivitySummary {
  id: string;
  kind: string;
  title: string;
  unitCode: string;
  startsAt: Date;
  endsAt: Date;
  participants: number;
  completed: number;
}

/** The only code that knows the campaign, activity and participation tables. */
@Injectable()
export class CampaignRepository {
  private readonly campaigns: EntityTable<CampaignEntity>;
  private readonly activities: EntityTable<ActivityEntity>;
  private readonly participation: EntityTable<ParticipationEntity>;

  constructor(private readonly db: Database) {
    this.campaigns = EntityTable.of(db.dataSource, CampaignEntity);
    this.activities = EntityTable.of(db.dataSource, ActivityEntity);
    this.participation = EntityTable.of(db.dataSource, ParticipationEntity);
  }

  async insertCampaign(tx: EntityManager, campaign: Campaign): Promise<void> {
    await this.campaigns.insertMany(tx, [campaign]);
  }

  async findCampaign(campaignId: string): Promise<Campaign | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.campaigns.select('c')} FROM campaign c WHERE c.id = $1`,
      [campaignId],
    );
    return (row as Campaign | undefined) ?? null;
  }

  /** Campaigns of some units (all without units), optionally of one model, newest first. */
  async list(filter: { unitCodes?: string[]; model?: string; limit: number }): Promise<Campaign[]> {
    return this.db.manager.query(
      `SELECT ${this.campaigns.select('c')} FROM campaign c
        WHERE ($1::text[] IS NULL OR c.unit_code = ANY($1)) AND ($2::text IS NULL OR c.model = $2)
        ORDER BY c.created_at DESC, c.id LIMIT $3`,
      [filter.unitCodes ?? null, filter.model ?? null, filter.limit],
    );
  }

  async insertActivity(tx: EntityManager, activity: Activity, participants: Participant[]): Promise<void> {
    await this.activities.insertMany(tx, [activity]);
    await this.participation.insertMany(
      tx,
      participants.map((p) => ({ activityId: activity.id, ...p })),
    );
  }

  /** A campaign's activities with their attendance, in one query; at most 10,000, as getCampaign documents. */
  async activitiesOf(campaignId: string): Promise<ActivitySummary[]> {
    return this.db.manager.query(
      `SELECT a.id, a.kind, a.title, a.unit_code AS "unitCode", a.starts_at AS "startsAt", a.ends_at AS "endsAt",
              count(p.learner_id)::int AS participants,
              count(p.learner_id) FILTER (WHERE p.completed)::int AS completed
       FROM activity a LEFT JOIN participation p ON p.activity_id = a.id
       WHERE a.campaign_id = $1
       GROUP BY a.id ORDER BY a.starts_at, a.id LIMIT 10000`,
      [campaignId],
    );
  }
}
