import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { Campaign, checkCampaign } from './domain/campaign';
import { InvalidCampaignError } from './domain/campaign.errors';
import { campaignCreated } from './campaign.events';
import { CampaignRepository } from './campaign.repository';

export type NewCampaign = Pick<
  Campaign,
  'model' | 'unitCode' | 'name' | 'startsOn' | 'endsOn' | 'organisation'
>;

/** createCampaign: a campaign of a model in a unit, run by an organisation. */
@Injectable()
export class CreateCampaignService {
  constructor(
    private readonly db: Database,
    private readonly campaigns: CampaignRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async create(actor: Actor, input: NewCampaign, now = new Date()): Promise<Campaign> {
    const problems = checkCampaign(input);
    if (!(await this.registry.findUnit(input.unitCode)))
      problems.push({ field: 'unitCode', message: 'unitCode names no unit of the 2025 map' });
    if (problems.length > 0) throw new InvalidCampaignError(problems);
    await assertCallerReaches(actor, input.unitCode, this.registry, 'unitCode');
    const campaign: Campaign = { id: randomUUID(), ...input, createdBy: actor.sub, createdAt: now };
    await this.db.transaction(async (tx) => {
      await this.campaigns.insertCampaign(tx, campaign);
      await this.outbox.enqueue(tx, campaignCreated(campaign));
    });
    return campaign;
  }
}
