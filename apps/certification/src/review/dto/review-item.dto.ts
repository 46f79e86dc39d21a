import { MAX_SUBJECT_LENGTH } from '@bdhvs/auth';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  MAX_DETAIL_LENGTH,
  MAX_EVENT_ID_LENGTH,
  REVIEW_REASONS,
  REVIEW_STATES,
  ReviewItem,
  ReviewReason,
  ReviewState,
} from '../domain/review-item';

const MAX_PAGE_SIZE = 200;
const INT32_MAX = 2_147_483_647;

export class ReviewItemDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '2c9a3f3e-6b1d-4f0e-9a57-0d3c4b1e8f21' })
  id: string;

  @ApiProperty({ enum: REVIEW_REASONS, example: 'unknown-unit' })
  reason: string;

  @ApiProperty({ maxLength: MAX_DETAIL_LENGTH, example: 'unitCode: unitCode 99999 is not a known unit' })
  detail: string;

  @ApiProperty({ enum: REVIEW_STATES, example: 'open' })
  state: string;

  // Kafka's limit on a topic name.
  @ApiProperty({ maxLength: 249, example: 'vneid.certification-events.v1' })
  topic: string;

  @ApiProperty({ maxLength: MAX_EVENT_ID_LENGTH, example: 'vneid-evt-000123' })
  eventId: string;

  @ApiProperty({
    enum: ['CERTIFIED', 'REVOKED'],
    example: 'CERTIFIED',
    nullable: true,
    description: 'Null, as certificateNo and occurredAt, for a dead letter that never decoded',
  })
  eventType: string | null;

  @ApiProperty({ maxLength: 64, example: 'BDHVS-2025-000001', nullable: true, type: String })
  certificateNo: string | null;

  @ApiProperty({ maxLength: 5, example: '99999', nullable: true, type: String })
  unitCode: string | null;

  @ApiProperty({ maxLength: 64, example: 'CITIZEN_BASIC', nullable: true, type: String })
  programme: string | null;

  @ApiProperty({
    format: 'date-time',
    maxLength: 24,
    example: '2025-09-30T08:00:00.000Z',
    nullable: true,
    type: String,
  })
  occurredAt: string | null;

  @ApiProperty({
    format: 'date-time',
    maxLength: 24,
    example: '2025-09-30T08:00:02.000Z',
    description: 'When it was kept for review',
  })
  createdAt: string;

  @ApiProperty({
    maxLength: 32,
    example: null,
    nullable: true,
    type: String,
    description: 'What applying it did once reprocessed (issue, revoke, already-issued, ...)',
  })
  outcome: string | null;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: null, nullable: true, type: String })
  closedAt: string | null;

  // OpenID Connect Core: a `sub` is at most 255 ASCII characters.
  @ApiProperty({
    maxLength: MAX_SUBJECT_LENGTH,
    example: null,
    nullable: true,
    type: String,
    description: 'Who reprocessed or dismissed it',
  })
  closedBy: string | null;

  @ApiProperty({ maxLength: 500, example: null, nullable: true, type: String })
  dismissalReason: string | null;
}

export class ReviewItemPageDto {
  @ApiProperty({ type: ReviewItemDto, isArray: true, maxItems: MAX_PAGE_SIZE })
  items: ReviewItemDto[];

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: INT32_MAX, example: 1 })
  page: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, example: 50 })
  pageSize: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX, example: 3 })
  total: number;
}

export class ListReviewItemsQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_REASONS })
  @IsOptional()
  @IsIn(REVIEW_REASONS)
  reason?: ReviewReason;

  @ApiPropertyOptional({ enum: REVIEW_STATES })
  @IsOptional()
  @IsIn(REVIEW_STATES)
  state?: ReviewState;

  @ApiPropertyOptional({ example: '2025-10-01T00:00:00Z', description: 'Kept for review at or after' })
  @IsOptional()
  @MaxLength(64)
  @IsDateString({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-11-01T00:00:00Z', description: 'Kept for review before' })
  @IsOptional()
  @MaxLength(64)
  @IsDateString({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', example: 1, default: 1 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', example: 50, default: 50 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize = 50;
}

export class ReviewItemParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class DismissReviewItemDto {
  @ApiProperty({
    example: 'Test event sent by the adapter by mistake',
    description: 'Why: kept with the item',
  })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export function toReviewItemDto(i: ReviewItem): ReviewItemDto {
  return {
    id: i.id,
    reason: i.reason,
    detail: i.detail,
    state: i.state,
    topic: i.topic,
    eventId: i.eventId,
    eventType: i.eventType,
    certificateNo: i.certificateNo,
    unitCode: i.unitCode,
    programme: i.programme,
    occurredAt: i.occurredAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
    outcome: i.outcome,
    closedAt: i.closedAt?.toISOString() ?? null,
    closedBy: i.closedBy,
    dismissalReason: i.dismissalReason,
  };
}
