import { LAST_ERROR_LENGTH } from '../domain/delivery';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class SubscribeReportEventsDto {
  @ApiProperty({ example: '03388', description: 'Reports of this unit and of every unit below it' })
  @Matches(/^\d{2,7}$/, { message: 'unitCode must be an administrative unit code' })
  @MaxLength(7)
  unitCode: string;

  @ApiProperty({ example: 'https://dhis2.huyen.example.vn/api/bdhvs-hook', maxLength: 2000 })
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2000)
  url: string;
}

export class SubscriptionIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ example: 50, default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;
}

/** `Date.toISOString()`: `2026-12-02T08:00:00.000Z`. */
const TIMESTAMP = { format: 'date-time', maxLength: 24 } as const;

export class ReportSubscriptionDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ example: '03388', maxLength: 7 })
  unitCode: string;

  @ApiProperty({ example: 'https://dhis2.huyen.example.vn/api/bdhvs-hook', maxLength: 2000 })
  url: string;

  @ApiProperty({ example: '2026-12-02T08:00:00.000Z', ...TIMESTAMP })
  createdAt: string;
}

export class CreatedReportSubscriptionDto extends ReportSubscriptionDto {
  // 32 random bytes in base64url.
  @ApiProperty({
    example: 'q1Vx0m6kYJ4c8cN2f1x9b2mJ3t0rUu5yQb6W3s8lZ0A',
    maxLength: 43,
    description:
      'Shown once: each delivery carries X-Bdhvs-Signature: sha256=<hex HMAC-SHA256 of the raw body with it>',
  })
  secret: string;
}

export class ReportDeliveryDto {
  @ApiProperty({
    format: 'uuid',
    maxLength: 36,
    description: 'Also sent as X-Bdhvs-Delivery: a receiver dedups on it',
  })
  id: string;

  @ApiProperty({ example: 'report-approved', maxLength: 64 })
  eventType: string;

  @ApiProperty({ example: { unitCode: '03388', period: '2025Q3' } })
  payload: Record<string, unknown>;

  @ApiProperty({ enum: ['PENDING', 'DELIVERED', 'FAILED'] })
  status: string;

  @ApiProperty({ example: 2 })
  attempts: number;

  @ApiProperty({ example: 200, nullable: true, type: Number })
  lastStatus: number | null;

  // `answered <status>`, or what fetch threw, cut to LAST_ERROR_LENGTH by the delivery worker.
  @ApiProperty({ example: null, nullable: true, type: String, maxLength: LAST_ERROR_LENGTH })
  lastError: string | null;

  @ApiProperty({ example: null, nullable: true, type: String, ...TIMESTAMP })
  nextAttemptAt: string | null;

  @ApiProperty({ example: '2026-12-02T08:00:03.000Z', nullable: true, type: String, ...TIMESTAMP })
  deliveredAt: string | null;

  @ApiProperty({ example: '2026-12-02T08:00:00.000Z', ...TIMESTAMP })
  createdAt: string;
}
