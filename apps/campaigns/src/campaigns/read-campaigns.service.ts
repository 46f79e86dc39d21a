import { Injectable } from '@nestjs/common';
import { Actor } from '@bdhvs/auth';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { Campaign } from './domain/campaign';
import { CampaignNotFoundError } from './domain/campaign.errors';
import { ActivitySummary, CampaignRepository } from './campaign.repository';

/** getCampaign and listCampaigns. */
@Injectable()
export class ReadCampaignsService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly registry: RegistryRepository,
  ) {}

  async get(
    actor: Actor,
    campaignId: string,
  ): Promise<{ campaign: Campaign; activities: ActivitySummary[] }> {
    const campaign = await this.campaigns.findCampaign(campaignId);
    if (!campaign) throw new CampaignNotFoundError(campaignId);
    await assertCallerReaches(actor, campaign.unitCode, this.registry, 'campaignId');
    return { campaign, activities: await this.campaigns.activitiesOf(campaignId) };
  }

  /** The caller's unit's campaigns (a province-wide caller sees all), optionally of one model. */
  async list(actor: Actor, model: string | undefined): Promise<Campaign[]> {
    return this.campaigns.list({ unitCodes: actor.unit ? [actor.unit] : undefined, model, limit: 200 });
  }
}
