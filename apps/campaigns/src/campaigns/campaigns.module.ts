import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { CampaignRepository } from './campaign.repository';
import { CampaignsController } from './campaigns.controller';
import { CreateCampaignService } from './create-campaign.service';
import { ReadCampaignsService } from './read-campaigns.service';
import { RecordActivityService } from './record-activity.service';

/** Campaigns of the models (IV.6) and the festival (IV.1.3): activities and participation (m_4t). */
@Module({
  imports: [RegistryModule],
  controllers: [CampaignsController],
  providers: [CampaignRepository, CreateCampaignService, RecordActivityService, ReadCampaignsService],
})
export class CampaignsModule {}
