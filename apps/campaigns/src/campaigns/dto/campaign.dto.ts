import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ACTIVITY_KINDS, ActivityKind, MODELS, Model, ORGANISATIONS, Organisation } from '../domain/campaign';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UNIT_CODE = /^\d{2,5}$/;
// Room for any ISO 8601 date-time a caller sends: one with nanoseconds and an offset is 35 characters.
const ISO_DATE_TIME_MAX = 40;

export class CreateCampaignDto {
  @ApiProperty({ enum: MODELS, example: 'DIGITAL_MARKET_4T' })
  @IsIn(MODELS, { message: `model must be one of: ${MODELS.join(', ')}` })
  model: Model;

  @ApiProperty({ example: '03388' })
  @Matches(UNIT_CODE, { message: 'unitCode must be a unit code of 2 to 5 digits' })
  @MaxLength(5)
  unitCode: string;

  @ApiProperty({ example: 'Chợ số Sìn Hồ 2025' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '2025-09-01' })
  @Matches(DATE, { message: 'startsOn must be YYYY-MM-DD' })
  @MaxLength(10)
  startsOn: string;

  @ApiPropertyOptional({ example: '2025-12-31' })
  @IsOptional()
  @Matches(DATE, { message: 'endsOn must be YYYY-MM-DD' })
  @MaxLength(10)
  endsOn?: string;

  @ApiProperty({ enum: ORGANISATIONS, example: 'WOMENS_UNION' })
  @IsIn(ORGANISATIONS, { message: `organisation must be one of: ${ORGANISATIONS.join(', ')}` })
  organisation: Organisation;
}

export class CampaignIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f' })
  @IsUUID()
  campaignId: string;
}

export class ListCampaignsQueryDto {
  @ApiPropertyOptional({ enum: MODELS, example: 'DIGITAL_MARKET_4T' })
  @IsOptional()
  @IsIn(MODELS, { message: `model must be one of: ${MODELS.join(', ')}` })
  model?: Model;
}

export class ParticipantDto {
  @ApiProperty({ format: 'uuid', example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  @IsUUID()
  learnerId: string;

  @ApiPropertyOptional({
    example: '2025-10-10T09:30:00+07:00',
    description: 'When they took part; default the activity’s start. Never after its end',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'attendedAt must be an ISO 8601 date-time' })
  @MaxLength(ISO_DATE_TIME_MAX)
  attendedAt?: string;

  @ApiPropertyOptional({
    example: true,
    description: 'Completed the training (a 4T trainee who completed counts in m_4t)',
  })
  @IsOptional()
  @IsBoolean()
  completed?: boolean;
}

export class RecordActivityDto {
  @ApiProperty({ enum: ACTIVITY_KINDS, example: 'WORKSHOP' })
  @IsIn(ACTIVITY_KINDS, { message: `kind must be one of: ${ACTIVITY_KINDS.join(', ')}` })
  kind: ActivityKind;

  @ApiProperty({ example: 'Bán hàng trên sàn thương mại điện tử và thanh toán không dùng tiền mặt' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({
    example: '03388',
    description: 'Where it took place: the campaign’s unit (default) or one below it',
  })
  @IsOptional()
  @Matches(UNIT_CODE, { message: 'unitCode must be a unit code of 2 to 5 digits' })
  @MaxLength(5)
  unitCode?: string;

  @ApiProperty({ example: '2025-10-10T08:00:00+07:00' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date-time' })
  @MaxLength(ISO_DATE_TIME_MAX)
  startsAt: string;

  @ApiProperty({ example: '2025-10-10T11:00:00+07:00' })
  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date-time' })
  @MaxLength(ISO_DATE_TIME_MAX)
  endsAt: string;

  @ApiProperty({ type: [ParticipantDto], description: 'The learners who took part (up to 1,000)' })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants: ParticipantDto[];
}

export class CampaignDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f' })
  id: string;

  @ApiProperty({ enum: MODELS, example: 'DIGITAL_MARKET_4T' })
  model: Model;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ maxLength: 200, example: 'Chợ số Sìn Hồ 2025' })
  name: string;

  @ApiProperty({ format: 'date', maxLength: 10, example: '2025-09-01' })
  startsOn: string;

  @ApiProperty({ format: 'date', maxLength: 10, example: '2025-12-31', nullable: true, type: String })
  endsOn: string | null;

  @ApiProperty({ enum: ORGANISATIONS, example: 'WOMENS_UNION' })
  organisation: Organisation;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-08-20T02:00:00.000Z' })
  createdAt: string;
}

export class ActivitySummaryDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })
  id: string;

  @ApiProperty({ enum: ACTIVITY_KINDS, example: 'WORKSHOP' })
  kind: string;

  @ApiProperty({ maxLength: 200, example: 'Bán hàng trên sàn thương mại điện tử' })
  title: string;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-10T01:00:00.000Z' })
  startsAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-10T04:00:00.000Z' })
  endsAt: string;

  @ApiProperty({ example: 24, description: 'Learners who took part' })
  participants: number;

  @ApiProperty({ example: 20, description: 'Of them, those who completed' })
  completed: number;
}

export class CampaignWithActivitiesDto extends CampaignDto {
  // A campaign has no cap on its activities; the read stops at 10,000, years of weekly sessions in every commune.
  @ApiProperty({ type: [ActivitySummaryDto], maxItems: 10_000 })
  activities: ActivitySummaryDto[];
}
