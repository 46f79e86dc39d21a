import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class GetRankingsQuery {
  @ApiPropertyOptional({ example: '2025', description: 'DHIS2 period; default the current year' })
  @IsOptional()
  @Matches(/^\d{4}(S[12]|Q[1-4])?$/, {
    message: 'period must be a DHIS2 period id such as 2025, 2025S1 or 2025Q1',
  })
  period?: string;

  @ApiProperty({ enum: ['units', 'mentors', 'teams'], example: 'units' })
  @IsIn(['units', 'mentors', 'teams'])
  of: string;
}

export class ProgressDto {
  @ApiProperty({ example: 'c' })
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

  @ApiProperty({ example: '03388' })
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
    description: 'Towards each target (units); empty for mentors and teams',
  })
  progress: ProgressDto[];

  @ApiPropertyOptional({
    format: 'uuid',
    example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
    description: 'The mentor or team ranked (of=mentors|teams)',
  })
  id?: string;

  @ApiPropertyOptional({ example: 'Tổ công nghệ số cộng đồng bản Nậm Loỏng', description: 'A team’s name' })
  name?: string;

  @ApiPropertyOptional({
    example: { mentees: 6, certifiedMentees: 2 },
    description:
      'The figures behind the rank, in ranking order: mentors by mentees guided by the period’s end, then those certified; teams by visits in the period, then the days they went out. score is the first',
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  figures?: Record<string, number>;
}

export class RankingDto {
  @ApiProperty({ example: 'units' })
  of: string;

  @ApiProperty({ example: '2025' })
  period: string;

  @ApiProperty({ type: [RankedUnitDto] })
  ranking: RankedUnitDto[];
}
