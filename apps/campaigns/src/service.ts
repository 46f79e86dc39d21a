import { connectInbox } from '@bdhvs/messaging';
import type { ServiceDefinition } from '@bdhvs/service-runtime';
import { AMBASSADOR_PROBLEMS } from './ambassadors/ambassador.problems';
import { campaignsModule } from './app.module';
import { CAMPAIGN_PROBLEMS } from './campaigns/campaign.problems';
import { database } from './database';
import { CampaignsConfig } from './config/campaigns-config';
import { IDENTITY_PROBLEMS } from './identity/identity.problems';
import { REGISTRY_PROBLEMS } from './registry/registry.problems';
import { NOMINATION_PROBLEMS } from './rewards/nomination.problems';
import { TEAM_PROBLEMS } from './teams/team.problems';

/** Everything that makes this service: started by main.ts, and in-process by the integration tests. */
export const campaignsService: ServiceDefinition<CampaignsConfig> = {
  name: 'campaigns',
  title: 'Campaigns (the movement models: Đại sứ số, Gia đình số, ...)',
  configType: CampaignsConfig,
  database,
  appModule: campaignsModule,
  problems: {
    ...REGISTRY_PROBLEMS,
    ...AMBASSADOR_PROBLEMS,
    ...IDENTITY_PROBLEMS,
    ...TEAM_PROBLEMS,
    ...CAMPAIGN_PROBLEMS,
    ...NOMINATION_PROBLEMS,
  },
  connect: connectInbox,
};
