import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ALL_INDICATORS,
  BREAKDOWNS,
  Breakdown,
  IndicatorId,
  LEARNER_INDICATORS,
  LearnerIndicator,
} from '../domain/indicator';

const PERIOD = /^\d{4}(S[12]|Q[1-4])?$/;
const UNIT = /^\d{2,7}$/;
/** The longest values of PERIOD (`2025Q3`) and UNIT. */
export const PERIOD_LENGTH = 6;
export const UNIT_CODE_LENGTH = 7;
export const INDICATOR_LENGTH = Math.max(...ALL_INDICATORS.map((i) => i.length));
/** `Date.toISOString()`: `2025-10-01T03:12:00.000Z`. */
export const TIMESTAMP_LENGTH = 24;
/**
 * The units of the province's 2025 map bound every list of units or sub-units an answer holds: Lai Châu
 * has 39, and no province has more than a few hundred.
 */
export const MAX_UNITS = 1_000;
/** A read's rows: each indicator's own row and one per sub-unit or breakdown value (55 at most). */
export const MAX_INDICATOR_ROWS = ALL_INDICATORS.length * (1 + MAX_UNITS);

export class GetIndicatorsQuery {
  @ApiPropertyOptional({ example: '12', description: "Unit code; default the caller's unit or the province" })
  @IsOptional()
  @Matches(UNIT, { message: 'unit must be an administrative unit code' })
  @MaxLength(UNIT_CODE_LENGTH)
  unit?: string;

  @ApiPropertyOptional({
    enum: ['2025', 'pre-2025'],
    default: '2025',
    description:
      'pre-2025: the province or a former district (a 2025 commune counts in the former district that gave most of its former communes; ADR 0008); subunit then lists districts, or a district’s 2025 communes',
  })
  @IsOptional()
  @IsIn(['2025', 'pre-2025'])
  map?: '2025' | 'pre-2025';

  @ApiPropertyOptional({
    example: '2025Q3',
    description: 'DHIS2 period: 2025, 2025S1, 2025Q3; default the current year',
  })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be a DHIS2 period id such as 2025, 2025S1 or 2025Q1' })
  @MaxLength(PERIOD_LENGTH)
  period?: string;

  @ApiPropertyOptional({
    enum: ALL_INDICATORS,
    example: 'd',
    description:
      'a public-sector staff, b students of the levels in scope, c adults, d count of certified adults, dd enterprise and cooperative workers, m_family households with a member who learned, m_classes_week class sessions per commune and week, m_mentor5 mentors guiding at least 5 mentees, m_desk communes with a public-service desk helper, m_identity16 learners aged 16+ with a VNeID identity and a digital bank account, m_visits door-to-door visits by teams (a count), m_4t 4T trainees who completed (a count). Default: every indicator the breakdown applies to',
  })
  @IsOptional()
  @IsIn(ALL_INDICATORS, {
    message: `indicator must be one of ${ALL_INDICATORS.join(', ')}`,
  })
  indicator?: IndicatorId;

  @ApiPropertyOptional({
    enum: BREAKDOWNS,
    example: 'sex',
    description:
      'One row per value besides the unit’s own; a learner whose value is unknown counts under `unknown`. ethnicMinority: Kinh (false) or one of the 53 minorities (true). the m_ indicators have subunit only',
  })
  @IsOptional()
  @IsIn(BREAKDOWNS)
  breakdown?: Breakdown;
}

export class IndicatorRowDto {
  @ApiProperty({ example: 'd', maxLength: INDICATOR_LENGTH })
  indicator: string;

  @ApiProperty({ example: '12', maxLength: UNIT_CODE_LENGTH })
  unitCode: string;

  @ApiProperty({ example: '2025Q3', maxLength: PERIOD_LENGTH })
  period: string;

  @ApiProperty({ example: 1520 })
  numerator: number;

  @ApiProperty({ example: null, nullable: true, type: Number })
  denominator: number | null;

  @ApiProperty({
    example: 1520,
    nullable: true,
    type: Number,
    description: 'numerator / denominator; the count itself for d',
  })
  value: number | null;

  @ApiProperty({ example: 170000, nullable: true, type: Number })
  target: number | null;

  @ApiProperty({ example: false, nullable: true, type: Boolean })
  met: boolean | null;

  @ApiProperty({
    example: 1620,
    description:
      'People of the indicator’s population in the registry by the period’s end (households for m_family, mentors for m_mentor5, desk helpers for m_desk, learners aged 16+ for m_identity16, teams that visited for m_visits, 4T trainees for m_4t), beside the official denominator',
  })
  registered: number;

  @ApiProperty({
    example: '2025-10-01T03:12:00.000Z',
    nullable: true,
    type: String,
    format: 'date-time',
    maxLength: TIMESTAMP_LENGTH,
  })
  asOf: string | null;

  @ApiProperty({
    example: 1533,
    description: 'Events behind the number (issues and revocations up to the period end)',
  })
  eventCount: number;

  @ApiPropertyOptional({
    example: { sex: 'female' },
    description: 'The breakdown value of this row; absent on the unit’s own row',
  })
  breakdown?: Record<string, string>;
}

export class UnitFigureDto {
  @ApiProperty({ example: '03388' })
  @Matches(UNIT, { message: 'unitCode must be an administrative unit code' })
  @MaxLength(UNIT_CODE_LENGTH)
  unitCode: string;

  // A head count or a share: no unit has a billion people.
  @ApiProperty({ example: 12500 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000_000)
  value: number;
}

export class SetFiguresDto {
  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ enum: ALL_INDICATORS, example: 'c' })
  @IsIn(ALL_INDICATORS)
  indicator: IndicatorId;

  @ApiProperty({ type: [UnitFigureDto], example: [{ unitCode: '03388', value: 12500 }] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_UNITS)
  @Type(() => UnitFigureDto)
  values: UnitFigureDto[];
}

export class GetIndicatorEvidenceQuery {
  @ApiPropertyOptional({
    example: '03388',
    description: "Unit code; default the caller's unit or the province",
  })
  @IsOptional()
  @Matches(UNIT, { message: 'unit must be an administrative unit code' })
  @MaxLength(UNIT_CODE_LENGTH)
  unit?: string;

  @ApiPropertyOptional({ example: '2025Q3', description: 'DHIS2 period; default the current year' })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be a DHIS2 period id such as 2025, 2025S1 or 2025Q1' })
  @MaxLength(PERIOD_LENGTH)
  period?: string;

  @ApiProperty({ enum: LEARNER_INDICATORS, example: 'c', description: 'An indicator over learners' })
  @IsIn(LEARNER_INDICATORS, { message: `indicator must be one of ${LEARNER_INDICATORS.join(', ')}` })
  indicator: LearnerIndicator;

  @ApiPropertyOptional({
    enum: BREAKDOWNS,
    example: 'sex',
    description: 'With `value`: one cell of a breakdown',
  })
  @IsOptional()
  @IsIn(BREAKDOWNS)
  breakdown?: Breakdown;

  @ApiPropertyOptional({
    example: 'female',
    description: 'The breakdown value of the cell (a sub-unit code for `subunit`); required with `breakdown`',
  })
  @IsOptional()
  @Matches(/^[\w+-]{1,32}$/, { message: 'value must be a breakdown value such as female, 60+ or 03388' })
  @MaxLength(32)
  value?: string;

  @ApiPropertyOptional({ example: 100, default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;

  @ApiPropertyOptional({ format: 'uuid', description: 'The `next` of the previous page' })
  @IsOptional()
  @IsUUID()
  after?: string;
}

/**
 * The id of the event a projection row came from: a UUID, or `sha256:` and the hex digest of a message
 * that came without a `ce_id` (@bdhvs/messaging).
 */
export const EVENT_ID_LENGTH = 71;

export class EvidenceEventDto {
  @ApiProperty({
    example: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    description: 'The VNeID event that certified, or the courses service event of the completion',
    maxLength: EVENT_ID_LENGTH,
  })
  eventId: string;

  @ApiProperty({ enum: ['certification', 'courses'], description: 'The service that published the event' })
  producer: string;

  @ApiProperty({ enum: ['certificate-issued', 'course-completed'] })
  kind: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'The certificate or the course' })
  subjectId: string;

  @ApiProperty({
    example: '2025-09-30T08:00:00.000Z',
    format: 'date-time',
    maxLength: TIMESTAMP_LENGTH,
    description: 'When VNeID certified',
  })
  occurredAt: string;

  @ApiProperty({
    example: '2025-09-30T08:00:02.000Z',
    format: 'date-time',
    maxLength: TIMESTAMP_LENGTH,
    description: 'When reporting applied it',
  })
  appliedAt: string;

  @ApiProperty({
    example: '03388',
    maxLength: UNIT_CODE_LENGTH,
    description: 'The unit the learner counts in',
  })
  unitCode: string;
}

export class IndicatorEvidenceDto {
  @ApiProperty({ example: 'c', maxLength: INDICATOR_LENGTH })
  indicator: string;

  @ApiProperty({ example: '03388', maxLength: UNIT_CODE_LENGTH })
  unitCode: string;

  @ApiProperty({ example: '2025Q3', maxLength: PERIOD_LENGTH })
  period: string;

  @ApiPropertyOptional({ example: { sex: 'female' } })
  breakdown?: Record<string, string>;

  @ApiProperty({ type: [EvidenceEventDto], maxItems: 1000, description: 'A page of at most `limit`' })
  events: EvidenceEventDto[];

  @ApiProperty({
    format: 'uuid',
    maxLength: 36,
    nullable: true,
    type: String,
    description: 'Pass as `after` for the next page',
  })
  next: string | null;
}

export class ExportIndicatorsQuery extends GetIndicatorsQuery {
  @ApiPropertyOptional({
    enum: ['csv', 'dhis2'],
    default: 'csv',
    description: 'csv: UTF-8 with a BOM, one line per row; dhis2: a dataValueSets document',
  })
  @IsOptional()
  @IsIn(['csv', 'dhis2'])
  format?: 'csv' | 'dhis2';
}

export class ListIndicatorChangesQuery {
  @ApiPropertyOptional({
    example: '1842',
    description: 'The `next` of the previous pull; absent: every unit that ever changed',
  })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'since must be the next cursor of a previous pull' })
  @MaxLength(18)
  since?: string;

  @ApiPropertyOptional({
    example: '2025Q3',
    description: 'DHIS2 period of the rows; default the current year',
  })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be a DHIS2 period id such as 2025, 2025S1 or 2025Q1' })
  @MaxLength(PERIOD_LENGTH)
  period?: string;
}

export class ChangedUnitDto {
  @ApiProperty({ example: '03388', maxLength: UNIT_CODE_LENGTH })
  unitCode: string;

  @ApiProperty({
    type: [IndicatorRowDto],
    maxItems: ALL_INDICATORS.length,
    description: 'The unit’s own row of every indicator, as now',
  })
  rows: IndicatorRowDto[];
}

export class IndicatorChangesDto {
  @ApiProperty({ example: '1842', maxLength: 18 })
  since: string;

  // A PostgreSQL bigint: 19 digits at most.
  @ApiProperty({ example: '1907', maxLength: 19, description: 'Pass as `since` next time' })
  next: string;

  @ApiProperty({ example: '2025Q3', maxLength: PERIOD_LENGTH })
  period: string;

  @ApiProperty({ type: [ChangedUnitDto], maxItems: MAX_UNITS })
  changes: ChangedUnitDto[];
}
