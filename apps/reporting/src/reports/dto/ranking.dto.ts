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
    description: 'Mean progress; null without figures',
  })
  score: number | null;

  @ApiProperty({ type: [ProgressDto] })
  progress: ProgressDto[];
}

export class RankingDto {
  @ApiProperty({ example: 'units' })
  of: string;

  @ApiProperty({ example: '2025' })
  period: string;

  @ApiProperty({ type: [RankedUnitDto] })
  ranking: RankedUnitDto[];
}
