import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { ALL_INDICATORS } from '../../indicators/domain/indicator';
import { INDICATOR_LENGTH, PERIOD_LENGTH, UNIT_CODE_LENGTH } from '../../indicators/dto/indicators.dto';

/** One count behind a mentor's or a team's rank. */
const FIGURE = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } as const;

export class GetRankingsQuery {
  @ApiPropertyOptional({ example: '2025', description: 'DHIS2 period; default the current year' })
  @IsOptional()
  @Matches(/^\d{4}(S[12]|Q[1-4])?$/, {
    message: 'period must be a DHIS2 period id such as 2025, 2025S1 or 2025Q1',
  })
  @MaxLength(PERIOD_LENGTH)
  period?: string;

  @ApiProperty({ enum: ['units', 'mentors', 'teams'], example: 'units' })
  @IsIn(['units', 'mentors', 'teams'])
  of: string;
}

export class ProgressDto {
  @ApiProperty({ example: 'c', maxLength: INDICATOR_LENGTH })
  indicator: string;

  @ApiProperty({ example: 0.62 })
  value: number;

  @ApiProperty({ example: 0.8 })
  target: number;

  @ApiProperty({ example: 0.775, description: 'value / target, at most 1' })
  progress: number;
}

export class RankedUnitDto {
  @ApiProperty({ example: 1 })
  rank: number;

  @ApiProperty({ example: '03388', maxLength: UNIT_CODE_LENGTH })
  unitCode: string;

  @ApiProperty({
    example: 0.81,
    nullable: true,
    type: Number,
    description: 'Units: mean progress, null without figures. Mentors and teams: the first figure',
  })
  score: number | null;

  @ApiProperty({
    type: [ProgressDto],
    maxItems: ALL_INDICATORS.length,
    description: 'Towards each target (units); empty for mentors and teams',
  })
  progress: ProgressDto[];

  @ApiPropertyOptional({
    format: 'uuid',
    maxLength: 36,
    example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
    description: 'The mentor or team ranked (of=mentors|teams)',
  })
  id?: string;

  // As campaigns.team-created.v1 bounds it.
  @ApiPropertyOptional({
    example: 'Tổ công nghệ số cộng đồng bản Nậm Loỏng',
    maxLength: 200,
    description: 'A team’s name',
  })
  name?: string;

  @ApiPropertyOptional({
    example: { mentees: 6, certifiedMentees: 2 },
    description:
      'The figures behind the rank, in ranking order: mentors by mentees guided by the period’s end, then those certified; teams by visits in the period, then the days they went out. score is the first',
    type: 'object',
    properties: { mentees: FIGURE, certifiedMentees: FIGURE, visits: FIGURE, visitDays: FIGURE },
    additionalProperties: false,
  })
  figures?: Record<string, number>;
}

export class RankingDto {
  @ApiProperty({ example: 'units', maxLength: 7 })
  of: string;

  @ApiProperty({ example: '2025', maxLength: PERIOD_LENGTH })
  period: string;

  // Every commune, mentor or team of the province, unpaged: mentors are the most, some thousands.
  @ApiProperty({ type: [RankedUnitDto], maxItems: 100_000 })
  ranking: RankedUnitDto[];
}
