import { Module } from '@nestjs/common';
import { AuthModule } from '@bdhvs/auth';
import { KafkaReadiness, MessagingModule } from '@bdhvs/messaging';
import { ServiceRuntimeModule } from '@bdhvs/service-runtime';
import { CampaignsConfig } from './config/campaigns-config';
import { database } from './database';
import { CampaignModelsModule } from './models/campaign-models.module';

export function campaignsModule(config: CampaignsConfig) {
  @Module({
    imports: [
      ServiceRuntimeModule.forRoot({
        name: 'campaigns',
        config,
        database,
        readiness: [KafkaReadiness],
      }),
      MessagingModule.forRoot({
        source: 'bdhvs/campaigns',
        groupId: 'campaigns',
        produces: [],
      }),
      AuthModule,
      CampaignModelsModule,
    ],
  })
  class CampaignsModule {}
  return CampaignsModule;
}
