import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { REVIEW_REASONS, REVIEW_STATES, ReviewItem, ReviewReason, ReviewState } from '../domain/review-item';

export class ReviewItemDto {
  @ApiProperty({ format: 'uuid', example: '2c9a3f3e-6b1d-4f0e-9a57-0d3c4b1e8f21' })
  id: string;

  @ApiProperty({ enum: REVIEW_REASONS, example: 'unknown-unit' })
  reason: string;

  @ApiProperty({ example: 'unitCode: unitCode 99999 is not a known unit' })
  detail: string;

  @ApiProperty({ enum: REVIEW_STATES, example: 'open' })
  state: string;

  @ApiProperty({ example: 'vneid.certification-events.v1' })
  topic: string;

  @ApiProperty({ example: 'vneid-evt-000123' })
  eventId: string;

  @ApiProperty({
    enum: ['CERTIFIED', 'REVOKED'],
    example: 'CERTIFIED',
    nullable: true,
    description: 'Null, as certificateNo and occurredAt, for a dead letter that never decoded',
  })
  eventType: string | null;

  @ApiProperty({ example: 'BDHVS-2025-000001', nullable: true, type: String })
  certificateNo: string | null;

  @ApiProperty({ example: '99999', nullable: true, type: String })
  unitCode: string | null;

  @ApiProperty({ example: 'CITIZEN_BASIC', nullable: true, type: String })
  programme: string | null;

  @ApiProperty({ example: '2025-09-30T08:00:00.000Z', nullable: true, type: String })
  occurredAt: string | null;

  @ApiProperty({ example: '2025-09-30T08:00:02.000Z', description: 'When it was kept for review' })
  createdAt: string;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'What applying it did once reprocessed (issue, revoke, already-issued, ...)',
  })
  outcome: string | null;

  @ApiProperty({ example: null, nullable: true, type: String })
  closedAt: string | null;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Who reprocessed or dismissed it',
  })
  closedBy: string | null;

  @ApiProperty({ example: null, nullable: true, type: String })
  dismissalReason: string | null;
}

export class ReviewItemPageDto {
  @ApiProperty({ type: ReviewItemDto, isArray: true })
  items: ReviewItemDto[];

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 50 })
  pageSize: number;

  @ApiProperty({ example: 3 })
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
  @IsDateString({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-11-01T00:00:00Z', description: 'Kept for review before' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;

  @ApiPropertyOptional({ example: 1, default: 1 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ example: 50, default: 50, maximum: 200 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
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
