import { Module } from '@nestjs/common';
import { CampaignModelsController } from './campaign-models.controller';

@Module({ controllers: [CampaignModelsController] })
export class CampaignModelsModule {}
