import { MAX_SUBJECT_LENGTH } from '@bdhvs/auth';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ALL_INDICATORS } from '../../indicators/domain/indicator';
import {
  EVENT_ID_LENGTH,
  INDICATOR_LENGTH,
  IndicatorRowDto,
  MAX_UNITS,
  PERIOD_LENGTH,
  TIMESTAMP_LENGTH,
  UNIT_CODE_LENGTH,
} from '../../indicators/dto/indicators.dto';

const PERIOD = /^\d{4}(S[12]|Q[1-4])?$/;
const UNIT = /^\d{2,7}$/;
const PERIOD_MESSAGE = 'period must be a quarter, half-year or year such as 2025Q1, 2025S1 or 2025';
const NARRATIVE_LENGTH = 20_000;
const COMMENT_LENGTH = 5_000;
/** A token's `sub`, kept as who acted: @bdhvs/auth refuses longer ones (OpenID Connect's bound). */
const ACCOUNT_LENGTH = MAX_SUBJECT_LENGTH;
const TIMESTAMP = { format: 'date-time', maxLength: TIMESTAMP_LENGTH } as const;

export class GetPeriodicReportQuery {
  @ApiPropertyOptional({
    example: '03388',
    description: "Unit code; default the caller's unit or the province",
  })
  @IsOptional()
  @Matches(UNIT, { message: 'unit must be an administrative unit code' })
  @MaxLength(UNIT_CODE_LENGTH)
  unit?: string;

  @ApiProperty({ example: '2025Q3' })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  @MaxLength(PERIOD_LENGTH)
  period: string;
}

export class ExportPeriodicReportQuery extends GetPeriodicReportQuery {
  @ApiPropertyOptional({ enum: ['csv', 'dhis2'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'dhis2'])
  format?: 'csv' | 'dhis2';
}

export class SubmitPeriodicReportDto {
  @ApiProperty({ example: '03388' })
  @Matches(UNIT, { message: 'unitCode must be an administrative unit code' })
  @MaxLength(UNIT_CODE_LENGTH)
  unitCode: string;

  @ApiProperty({ example: '2025Q3' })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  @MaxLength(PERIOD_LENGTH)
  period: string;

  @ApiProperty({
    example: 'Tổ công nghệ số cộng đồng đã hỗ trợ 320 hộ; 2 bản chưa có sóng di động.',
    description: 'What the unit did, what stands in its way',
  })
  @IsString()
  @Length(1, NARRATIVE_LENGTH)
  narrative: string;
}

export class ReviewPeriodicReportDto {
  @ApiProperty({ example: '03388' })
  @Matches(UNIT, { message: 'unitCode must be an administrative unit code' })
  @MaxLength(UNIT_CODE_LENGTH)
  unitCode: string;

  @ApiProperty({ example: '2025Q3' })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  @MaxLength(PERIOD_LENGTH)
  period: string;

  @ApiPropertyOptional({ example: 'Bổ sung số liệu hộ nghèo.' })
  @IsOptional()
  @IsString()
  @Length(1, COMMENT_LENGTH)
  comment?: string;
}

export class CompletenessDto {
  @ApiProperty({ example: 38, description: 'Direct sub-units expected to report' })
  expected: number;

  @ApiProperty({ example: 35 })
  submitted: number;

  @ApiProperty({ example: ['03637'], type: [String], maxItems: MAX_UNITS, maxLength: UNIT_CODE_LENGTH })
  missing: string[];
}

export class AmendmentDto {
  @ApiProperty({ example: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', maxLength: EVENT_ID_LENGTH })
  eventId: string;

  @ApiProperty({ enum: ['certificate-issued', 'certificate-revoked'] })
  kind: string;

  @ApiProperty({ example: '2025-09-28T08:00:00.000Z', ...TIMESTAMP })
  occurredAt: string;

  @ApiProperty({ example: '2025-10-20T02:00:00.000Z', ...TIMESTAMP, description: 'After the approval' })
  appliedAt: string;

  @ApiProperty({ example: '03388', maxLength: UNIT_CODE_LENGTH })
  unitCode: string;
}

export class AmendmentEffectDto {
  @ApiProperty({ example: 'c', maxLength: INDICATOR_LENGTH })
  indicator: string;

  @ApiProperty({ example: 1520 })
  frozenNumerator: number;

  @ApiProperty({ example: 1523 })
  liveNumerator: number;
}

export class ReportActionDto {
  @ApiProperty({ enum: ['SUBMITTED', 'APPROVED', 'RETURNED'] })
  action: string;

  @ApiProperty({ example: 'officer-03388', maxLength: ACCOUNT_LENGTH })
  actedBy: string;

  @ApiProperty({ example: '2025-10-02T03:00:00.000Z', ...TIMESTAMP })
  actedAt: string;

  @ApiProperty({ example: null, nullable: true, type: String, maxLength: COMMENT_LENGTH })
  comment: string | null;
}

export class PeriodicReportDto {
  @ApiProperty({ example: '03388', maxLength: UNIT_CODE_LENGTH })
  unitCode: string;

  @ApiProperty({ example: '2025Q3', maxLength: PERIOD_LENGTH })
  period: string;

  @ApiProperty({ enum: ['OPEN', 'SUBMITTED', 'APPROVED', 'RETURNED'] })
  status: string;

  @ApiProperty({
    type: [IndicatorRowDto],
    maxItems: ALL_INDICATORS.length,
    description: 'Live until approved, frozen from then on',
  })
  rows: IndicatorRowDto[];

  @ApiProperty({ nullable: true, type: String, example: null, maxLength: NARRATIVE_LENGTH })
  narrative: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, maxLength: ACCOUNT_LENGTH })
  submittedBy: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, ...TIMESTAMP })
  submittedAt: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, maxLength: ACCOUNT_LENGTH })
  approvedBy: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, ...TIMESTAMP })
  approvedAt: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, maxLength: ACCOUNT_LENGTH })
  returnedBy: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, ...TIMESTAMP })
  returnedAt: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    maxLength: COMMENT_LENGTH,
    description: 'The reviewer’s comment',
  })
  comment: string | null;

  @ApiProperty({ type: CompletenessDto })
  completeness: CompletenessDto;

  @ApiProperty({
    type: [AmendmentDto],
    maxItems: 1000,
    description: 'Events before the period’s end that arrived after the approval (first 1,000)',
  })
  amendments: AmendmentDto[];

  @ApiProperty({
    type: [AmendmentEffectDto],
    maxItems: ALL_INDICATORS.length,
    description: 'Frozen against live numerators, once approved',
  })
  amendmentEffect: AmendmentEffectDto[];

  // A submission, then an approval or a return, and again: a report goes round a handful of times.
  @ApiProperty({ type: [ReportActionDto], maxItems: 1000 })
  history: ReportActionDto[];
}
