import { connectInbox } from '@bdhvs/messaging';
import type { ServiceDefinition } from '@bdhvs/service-runtime';
import { campaignsModule } from './app.module';
import { database } from './database';
import { CampaignsConfig } from './config/campaigns-config';

/** Everything that makes this service: started by main.ts, and in-process by the integration tests. */
export const campaignsService: ServiceDefinition<CampaignsConfig> = {
  name: 'campaigns',
  title: 'Campaigns (the movement models: Đại sứ số, Gia đình số, ...)',
  configType: CampaignsConfig,
  database,
  appModule: campaignsModule,
  connect: connectInbox,
};
