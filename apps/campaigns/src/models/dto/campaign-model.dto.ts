import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CAMPAIGN_MODELS, MODEL_INDICATORS, ModelIndicatorId } from '../domain/campaign-model';

/** The longest of some of the plan's texts: the answer never holds a longer one. */
const longest = (texts: readonly string[]) => Math.max(...texts.map((text) => text.length));

export class ModelIndicatorDto {
  @ApiProperty({ enum: Object.keys(MODEL_INDICATORS), example: 'mentors-with-5-mentees' })
  id: ModelIndicatorId;

  @ApiProperty({
    maxLength: longest(Object.values(MODEL_INDICATORS)),
    example: MODEL_INDICATORS['mentors-with-5-mentees'],
  })
  description: string;
}

export class CampaignModelDto {
  @ApiProperty({ maxLength: longest(CAMPAIGN_MODELS.map((m) => m.id)), example: 'digital-ambassadors' })
  id: string;

  @ApiProperty({
    maxLength: longest(CAMPAIGN_MODELS.map((m) => m.name)),
    example: 'Mô hình mạng lưới “Đại sứ số”',
  })
  name: string;

  @ApiProperty({
    maxLength: longest(CAMPAIGN_MODELS.map((m) => m.planSection)),
    example: 'IV.6.1',
    description: "Section of the province's plan",
  })
  planSection: string;

  @ApiProperty({
    maxLength: longest(CAMPAIGN_MODELS.map((m) => m.target)),
    example: 'Mỗi “mentor” hướng dẫn kỹ năng số cho ít nhất 5 “mentee”; ...',
  })
  target: string;

  @ApiProperty({
    type: ModelIndicatorDto,
    isArray: true,
    maxItems: Math.max(...CAMPAIGN_MODELS.map((m) => m.indicators.length)),
    description: 'The model indicators it feeds',
  })
  indicators: ModelIndicatorDto[];

  @ApiPropertyOptional({
    maxLength: 7,
    example: '--10-10',
    description: 'For a yearly event: its day (ISO 8601 --MM-DD)',
  })
  annualDate?: string;
}
