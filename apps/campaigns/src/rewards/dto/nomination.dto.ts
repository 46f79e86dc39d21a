import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { NOMINEE_KINDS, NomineeKind } from '../domain/nomination';

const PERIOD = /^\d{4}(S[12]|Q[1-4])?$/;

export class NominateForRewardDto {
  @ApiProperty({ enum: NOMINEE_KINDS, example: 'MENTOR' })
  @IsIn(NOMINEE_KINDS, { message: `nomineeKind must be one of: ${NOMINEE_KINDS.join(', ')}` })
  nomineeKind: NomineeKind;

  @ApiProperty({
    example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
    description: 'A unit code, or a mentor’s or team’s id',
  })
  @IsString()
  @Length(2, 64)
  nomineeId: string;

  @ApiProperty({ example: '2025', description: 'The period the reward is for (DHIS2 id)' })
  @Matches(PERIOD, { message: 'period must be a DHIS2 period id such as 2025, 2025S1 or 2025Q1' })
  period: string;

  @ApiProperty({ example: 'Hướng dẫn 12 người dân cài đặt VNeID và tài khoản ngân hàng số' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

export class NominationIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2910' })
  @IsUUID()
  nominationId: string;
}

export class ListNominationsQueryDto {
  @ApiPropertyOptional({ example: '2025' })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be a DHIS2 period id such as 2025, 2025S1 or 2025Q1' })
  period?: string;
}

export class NominationDto {
  @ApiProperty({ format: 'uuid', example: '6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2910' })
  id: string;

  @ApiProperty({ enum: NOMINEE_KINDS, example: 'MENTOR' })
  nomineeKind: NomineeKind;

  @ApiProperty({ example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  nomineeId: string;

  @ApiProperty({ example: '03388' })
  unitCode: string;

  @ApiProperty({ example: '2025' })
  period: string;

  @ApiProperty({ example: 'Hướng dẫn 12 người dân cài đặt VNeID' })
  reason: string;

  @ApiProperty({ enum: ['PROPOSED', 'APPROVED'], example: 'PROPOSED' })
  status: string;

  @ApiProperty({ example: 'officer-03388' })
  proposedBy: string;

  @ApiProperty({ example: '2025-12-20T02:00:00.000Z' })
  proposedAt: string;

  @ApiProperty({ example: null, nullable: true, type: String })
  approvedBy: string | null;

  @ApiProperty({ example: null, nullable: true, type: String })
  approvedAt: string | null;
}
