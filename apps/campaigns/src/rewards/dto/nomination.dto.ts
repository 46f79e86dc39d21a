import { MAX_SUBJECT_LENGTH } from '@bdhvs/auth';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
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
  @MaxLength(6)
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
  @MaxLength(6)
  period?: string;
}

export class NominationDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2910' })
  id: string;

  @ApiProperty({ enum: NOMINEE_KINDS, example: 'MENTOR' })
  nomineeKind: NomineeKind;

  @ApiProperty({ maxLength: 64, example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  nomineeId: string;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ maxLength: 6, example: '2025' })
  period: string;

  @ApiProperty({ maxLength: 1000, example: 'Hướng dẫn 12 người dân cài đặt VNeID' })
  reason: string;

  @ApiProperty({ enum: ['PROPOSED', 'APPROVED'], example: 'PROPOSED' })
  status: string;

  // The caller's token `sub`, which @bdhvs/auth keeps to OpenID Connect's 255 characters.
  @ApiProperty({ maxLength: MAX_SUBJECT_LENGTH, example: 'officer-03388' })
  proposedBy: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-12-20T02:00:00.000Z' })
  proposedAt: string;

  @ApiProperty({ maxLength: MAX_SUBJECT_LENGTH, example: null, nullable: true, type: String })
  approvedBy: string | null;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: null, nullable: true, type: String })
  approvedAt: string | null;
}
