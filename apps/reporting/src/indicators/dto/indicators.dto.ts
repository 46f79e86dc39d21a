import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ALL_INDICATORS,
  BREAKDOWNS,
  Breakdown,
  IndicatorId,
  PENDING_MODEL_INDICATORS,
} from '../domain/indicator';

const PERIOD = /^\d{4}(S[12]|Q[1-4])?$/;
const UNIT = /^\d{2,7}$/;

export class GetIndicatorsQuery {
  @ApiPropertyOptional({ example: '12', description: "Unit code; default the caller's unit or the province" })
  @IsOptional()
  @Matches(UNIT, { message: 'unit must be an administrative unit code' })
  unit?: string;

  @ApiPropertyOptional({
    example: '2025Q3',
    description: 'DHIS2 period: 2025, 2025S1, 2025Q3; default the current year',
  })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be a DHIS2 period id such as 2025, 2025S1 or 2025Q1' })
  period?: string;

  @ApiPropertyOptional({
    enum: ALL_INDICATORS,
    example: 'd',
    description:
      'a public-sector staff, b students of the levels in scope, c adults, d count of certified adults, dd enterprise and cooperative workers, m_family households with a member who learned. Default: every indicator the breakdown applies to',
  })
  @IsOptional()
  @IsIn(ALL_INDICATORS, {
    message: `indicator must be one of ${ALL_INDICATORS.join(', ')} (${PENDING_MODEL_INDICATORS.join(', ')} wait for the campaigns service's events)`,
  })
  indicator?: IndicatorId;

  @ApiPropertyOptional({
    enum: BREAKDOWNS,
    example: 'sex',
    description:
      'One row per value besides the unit’s own; a learner whose value is unknown counts under `unknown`. ethnicMinority: Kinh (false) or one of the 53 minorities (true). m_family has subunit only',
  })
  @IsOptional()
  @IsIn(BREAKDOWNS)
  breakdown?: Breakdown;
}

export class IndicatorRowDto {
  @ApiProperty({ example: 'd' })
  indicator: string;

  @ApiProperty({ example: '12' })
  unitCode: string;

  @ApiProperty({ example: '2025Q3' })
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
      'People of the indicator’s population in the registry by the period’s end (households for m_family), beside the official denominator',
  })
  registered: number;

  @ApiProperty({ example: '2025-10-01T03:12:00.000Z', nullable: true, type: String })
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
  unitCode: string;

  @ApiProperty({ example: 12500 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
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
  @Type(() => UnitFigureDto)
  values: UnitFigureDto[];
}
