import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import type { VneidCertificationEventV1 } from '@bdhvs/events';

export class VneidEventDto implements VneidCertificationEventV1 {
  @ApiProperty({ format: 'uuid', example: '3f1c2a7e-8d4b-4b0e-9a51-2f6c1e7d9b10' })
  @IsUUID()
  eventId: string;

  @ApiProperty({ enum: ['CERTIFIED', 'REVOKED'], example: 'CERTIFIED' })
  @IsIn(['CERTIFIED', 'REVOKED'])
  type: 'CERTIFIED' | 'REVOKED';

  @ApiProperty({ format: 'date-time', example: '2025-09-30T08:00:00Z' })
  @MaxLength(64)
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({
    example: '012345678901',
    description: '12-digit citizen ID number; never stored or forwarded in clear',
  })
  @MaxLength(12)
  @Matches(/^\d{12}$/, { message: 'citizenId must be 12 digits' })
  citizenId: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @Length(1, 200)
  fullName: string;

  @ApiProperty({ example: '1980-01-31' })
  @MaxLength(10)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a valid date' })
  dateOfBirth: string;

  @ApiProperty({ example: '03388', description: 'Commune or ward code on the 2025 map' })
  @MaxLength(5)
  @Matches(/^\d{2,5}$/, { message: 'unitCode must be an administrative unit code' })
  unitCode: string;

  @ApiProperty({ example: 'CITIZEN_BASIC' })
  @IsString()
  @Length(1, 64)
  programme: string;

  @ApiProperty({ example: 'BDHVS-2025-000001' })
  @IsString()
  @Length(1, 64)
  certificateNo: string;

  @ApiPropertyOptional({ example: 'Issued in error', description: 'Why, for REVOKED' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class VneidEventReceiptDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '3f1c2a7e-8d4b-4b0e-9a51-2f6c1e7d9b10' })
  eventId: string;

  @ApiProperty({ enum: ['accepted', 'duplicate'], example: 'accepted' })
  status: 'accepted' | 'duplicate';
}
