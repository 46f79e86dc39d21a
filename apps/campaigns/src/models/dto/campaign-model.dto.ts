import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MODEL_INDICATORS, ModelIndicatorId } from '../domain/campaign-model';

export class ModelIndicatorDto {
  @ApiProperty({ enum: Object.keys(MODEL_INDICATORS), example: 'mentors-with-5-mentees' })
  id: ModelIndicatorId;

  @ApiProperty({ example: MODEL_INDICATORS['mentors-with-5-mentees'] })
  description: string;
}

export class CampaignModelDto {
  @ApiProperty({ example: 'digital-ambassadors' })
  id: string;

  @ApiProperty({ example: 'Mô hình mạng lưới “Đại sứ số”' })
  name: string;

  @ApiProperty({ example: 'IV.6.1', description: "Section of the province's plan" })
  planSection: string;

  @ApiProperty({ example: 'Mỗi “mentor” hướng dẫn kỹ năng số cho ít nhất 5 “mentee”; ...' })
  target: string;

  @ApiProperty({ type: ModelIndicatorDto, isArray: true, description: 'The model indicators it feeds' })
  indicators: ModelIndicatorDto[];

  @ApiPropertyOptional({ example: '--10-10', description: 'For a yearly event: its day (ISO 8601 --MM-DD)' })
  annualDate?: string;
}
