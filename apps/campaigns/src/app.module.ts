import { Module } from '@nestjs/common';
import { Topics } from '@bdhvs/events';
import { AuthModule } from '@bdhvs/auth';
import { KafkaReadiness, MessagingModule } from '@bdhvs/messaging';
import { ServiceRuntimeModule } from '@bdhvs/service-runtime';
import { AmbassadorsModule } from './ambassadors/ambassadors.module';
import { CampaignsModule as CampaignActivitiesModule } from './campaigns/campaigns.module';
import { CampaignsConfig } from './config/campaigns-config';
import { database } from './database';
import { IdentityModule } from './identity/identity.module';
import { CampaignModelsModule } from './models/campaign-models.module';
import { RegistryEventsModule } from './registry/registry-events.module';
import { RewardsModule } from './rewards/rewards.module';
import { TeamsModule } from './teams/teams.module';

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
        produces: [
          Topics.mentorRegistered,
          Topics.menteeAssigned,
          Topics.deskHelperRegistered,
          Topics.identityStatusRecorded,
          Topics.teamCreated,
          Topics.visitRecorded,
          Topics.activityRecorded,
          Topics.campaignCreated,
          Topics.teamMemberAdded,
          Topics.menteeReassigned,
          Topics.nominationProposed,
          Topics.nominationApproved,
        ],
      }),
      AuthModule,
      CampaignModelsModule,
      AmbassadorsModule,
      IdentityModule,
      TeamsModule,
      CampaignActivitiesModule,
      RewardsModule,
      RegistryEventsModule,
    ],
  })
  class CampaignsModule {}
  return CampaignsModule;
}
