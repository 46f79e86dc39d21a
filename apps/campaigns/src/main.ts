import { startService } from '@bdhvs/service-runtime';
import { campaignsModule } from './app.module';
import { CampaignsConfig } from './config/campaigns-config';

void startService({
  name: 'campaigns',
  title: 'Campaigns (the movement models: Đại sứ số, Gia đình số, ...)',
  configType: CampaignsConfig,
  appModule: campaignsModule,
});
