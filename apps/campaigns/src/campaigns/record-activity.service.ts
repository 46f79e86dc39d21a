import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { Activity, ActivityKind, Participant, checkActivity } from './domain/campaign';
import { CampaignNotFoundError, InvalidActivityError } from './domain/campaign.errors';
import { activityRecorded } from './campaign.events';
import { CampaignRepository } from './campaign.repository';

export interface NewActivity {
  kind: ActivityKind;
  title: string;
  unitCode: string | null;
  startsAt: Date;
  endsAt: Date;
  participants: Participant[];
}

/** recordActivity: an activity of a campaign with the learners who took part; nothing if any of it is wrong. */
@Injectable()
export class RecordActivityService {
  constructor(
    private readonly db: Database,
    private readonly campaigns: CampaignRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async record(actor: Actor, campaignId: string, input: NewActivity, now = new Date()): Promise<Activity> {
    const campaign = await this.campaigns.findCampaign(campaignId);
    if (!campaign) throw new CampaignNotFoundError(campaignId);
    const unitCode = input.unitCode ?? campaign.unitCode;
    await assertCallerReaches(actor, unitCode, this.registry, input.unitCode ? 'unitCode' : 'campaignId');
    const learners = await this.registry.findLearners(
      this.db.manager,
      input.participants.map((p) => p.learnerId),
    );
    const problems = checkActivity(campaign, input, new Set(learners.keys()), now);
    if (unitCode !== campaign.unitCode && !(await this.registry.isWithin(unitCode, campaign.unitCode)))
      problems.push({
        field: 'unitCode',
        message: `unitCode must be within the campaign's unit ${campaign.unitCode}`,
      });
    if (problems.length > 0) throw new InvalidActivityError(problems);
    const activity: Activity = {
      id: randomUUID(),
      campaignId,
      kind: input.kind,
      title: input.title,
      unitCode,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      recordedBy: actor.sub,
      recordedAt: now,
    };
    const keyed = input.participants.map((p) => ({
      ...p,
      learnerKey: learners.get(p.learnerId)?.learnerKey as string,
    }));
    await this.db.transaction(async (tx) => {
      await this.campaigns.insertActivity(tx, activity, input.participants);
      await this.outbox.enqueue(tx, activityRecorded(campaign, activity, keyed));
    });
    return activity;
  }
}
