import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { VNEID_STATUSES, VneidStatus } from '../domain/identity';

export class RecordIdentityStatusDto {
  @ApiProperty({ format: 'uuid', example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  @IsUUID()
  learnerId: string;

  @ApiPropertyOptional({
    enum: VNEID_STATUSES,
    example: 'level2',
    description: 'The VNeID account level now',
  })
  @IsOptional()
  @IsIn(VNEID_STATUSES, { message: `vneidStatus must be one of: ${VNEID_STATUSES.join(', ')}` })
  vneidStatus?: VneidStatus;

  @ApiPropertyOptional({ example: true, description: 'Whether the learner has a digital bank account now' })
  @IsOptional()
  @IsBoolean()
  digitalBankAccount?: boolean;

  @ApiProperty({ example: true, description: 'The learner agreed to this record (must be true)' })
  @Equals(true, { message: 'consent must be true: a helper records only with the learner’s consent' })
  consent: boolean;
}

export class LearnerIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  @IsUUID()
  learnerId: string;
}

export class IdentityStatusDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  learnerId: string;

  @ApiProperty({ enum: VNEID_STATUSES, example: 'level2' })
  vneidStatus: VneidStatus;

  @ApiProperty({ example: true })
  digitalBankAccount: boolean;

  @ApiProperty({ example: 2, description: 'Records behind it, from the registry and from helpers' })
  records: number;
}
