import { Global, Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { CampaignEventsConsumer } from './campaign-events.consumer';
import { CampaignRankingsRepository } from './campaign-rankings.repository';
import { CampaignsRepository } from './campaigns.repository';
import { RecordCampaignsService } from './record-campaigns.service';

/**
 * What reporting keeps of the campaigns service's events (the model indicators of IV.6). Global so that
 * the rankings of the reports feature read mentors and teams from here.
 */
@Global()
@Module({
  imports: [RegistryModule],
  controllers: [CampaignEventsConsumer],
  providers: [RecordCampaignsService, CampaignsRepository, CampaignRankingsRepository],
  exports: [CampaignRankingsRepository],
})
export class CampaignsModule {}
