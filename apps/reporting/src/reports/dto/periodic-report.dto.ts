import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IndicatorRowDto } from '../../indicators/dto/indicators.dto';

const PERIOD = /^\d{4}(S[12]|Q[1-4])?$/;
const UNIT = /^\d{2,7}$/;
const PERIOD_MESSAGE = 'period must be a quarter, half-year or year such as 2025Q1, 2025S1 or 2025';

export class GetPeriodicReportQuery {
  @ApiPropertyOptional({
    example: '03388',
    description: "Unit code; default the caller's unit or the province",
  })
  @IsOptional()
  @Matches(UNIT, { message: 'unit must be an administrative unit code' })
  unit?: string;

  @ApiProperty({ example: '2025Q3' })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
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
  unitCode: string;

  @ApiProperty({ example: '2025Q3' })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period: string;

  @ApiProperty({
    example: 'Tổ công nghệ số cộng đồng đã hỗ trợ 320 hộ; 2 bản chưa có sóng di động.',
    description: 'What the unit did, what stands in its way',
  })
  @IsString()
  @Length(1, 20_000)
  narrative: string;
}

export class ReviewPeriodicReportDto {
  @ApiProperty({ example: '03388' })
  @Matches(UNIT, { message: 'unitCode must be an administrative unit code' })
  unitCode: string;

  @ApiProperty({ example: '2025Q3' })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period: string;

  @ApiPropertyOptional({ example: 'Bổ sung số liệu hộ nghèo.' })
  @IsOptional()
  @IsString()
  @Length(1, 5_000)
  comment?: string;
}

export class CompletenessDto {
  @ApiProperty({ example: 38, description: 'Direct sub-units expected to report' })
  expected: number;

  @ApiProperty({ example: 35 })
  submitted: number;

  @ApiProperty({ example: ['03637'], type: [String] })
  missing: string[];
}

export class AmendmentDto {
  @ApiProperty({ example: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b' })
  eventId: string;

  @ApiProperty({ enum: ['certificate-issued', 'certificate-revoked'] })
  kind: string;

  @ApiProperty({ example: '2025-09-28T08:00:00.000Z' })
  occurredAt: string;

  @ApiProperty({ example: '2025-10-20T02:00:00.000Z', description: 'After the approval' })
  appliedAt: string;

  @ApiProperty({ example: '03388' })
  unitCode: string;
}

export class AmendmentEffectDto {
  @ApiProperty({ example: 'c' })
  indicator: string;

  @ApiProperty({ example: 1520 })
  frozenNumerator: number;

  @ApiProperty({ example: 1523 })
  liveNumerator: number;
}

export class ReportActionDto {
  @ApiProperty({ enum: ['SUBMITTED', 'APPROVED', 'RETURNED'] })
  action: string;

  @ApiProperty({ example: 'officer-03388' })
  actedBy: string;

  @ApiProperty({ example: '2025-10-02T03:00:00.000Z' })
  actedAt: string;

  @ApiProperty({ example: null, nullable: true, type: String })
  comment: string | null;
}

export class PeriodicReportDto {
  @ApiProperty({ example: '03388' })
  unitCode: string;

  @ApiProperty({ example: '2025Q3' })
  period: string;

  @ApiProperty({ enum: ['OPEN', 'SUBMITTED', 'APPROVED', 'RETURNED'] })
  status: string;

  @ApiProperty({ type: [IndicatorRowDto], description: 'Live until approved, frozen from then on' })
  rows: IndicatorRowDto[];

  @ApiProperty({ nullable: true, type: String, example: null })
  narrative: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  submittedBy: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  submittedAt: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  approvedBy: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  approvedAt: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  returnedBy: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  returnedAt: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, description: 'The reviewer’s comment' })
  comment: string | null;

  @ApiProperty({ type: CompletenessDto })
  completeness: CompletenessDto;

  @ApiProperty({
    type: [AmendmentDto],
    description: 'Events before the period’s end that arrived after the approval (first 1,000)',
  })
  amendments: AmendmentDto[];

  @ApiProperty({ type: [AmendmentEffectDto], description: 'Frozen against live numerators, once approved' })
  amendmentEffect: AmendmentEffectDto[];

  @ApiProperty({ type: [ReportActionDto] })
  history: ReportActionDto[];
}
