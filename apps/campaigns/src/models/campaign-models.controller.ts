import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CAMPAIGN_MODELS, MODEL_INDICATORS } from './domain/campaign-model';
import { CampaignModelDto } from './dto/campaign-model.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('models')
export class CampaignModelsController {
  @Get()
  @ApiOperation({
    summary: "The movement's models and campaigns (plan section IV.6, and the learning day of IV.1.3)",
  })
  @ApiExtraModels(CampaignModelDto)
  @ApiOkResponse({
    schema: {
      type: 'array',
      maxItems: CAMPAIGN_MODELS.length,
      items: { $ref: getSchemaPath(CampaignModelDto) },
    },
  })
  listCampaignModels(): CampaignModelDto[] {
    return CAMPAIGN_MODELS.map((model) => ({
      ...model,
      indicators: model.indicators.map((id) => ({ id, description: MODEL_INDICATORS[id] })),
    }));
  }
}
