import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { Certificate, statusOf } from '../domain/certificate';

// One standing certificate per learner and programme (seven programmes today); revoked ones stay listed,
// but VNeID revocations and corrections of one learner's certificates are few.
export const MAX_CERTIFICATES_OF_LEARNER = 1000;

// A full name of at most 200 characters, in NFC (which can triple a character), masked word by word
// (a word keeps its length, a one-letter word becomes two).
const HOLDER_NAME_MAX_LENGTH = 600;

export class CertificateDto {
  @ApiProperty({ maxLength: 64, example: 'BDHVS-2025-000001' })
  certificateNo: string;

  @ApiProperty({ enum: ['valid', 'revoked'], example: 'valid' })
  status: 'valid' | 'revoked';

  @ApiProperty({ maxLength: HOLDER_NAME_MAX_LENGTH, example: 'N***** V** A*' })
  holderName: string;

  @ApiProperty({ maxLength: 64, example: 'CITIZEN_BASIC' })
  programme: string;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-09-30T08:00:00.000Z' })
  issuedAt: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 24, example: null, nullable: true, type: String })
  revokedAt: string | null;
}

export class CertificateVerificationDto {
  @ApiProperty({ maxLength: 64, example: 'BDHVS-2025-000001' })
  certificateNo: string;

  @ApiProperty({ enum: ['valid', 'revoked', 'unknown'], example: 'valid' })
  status: 'valid' | 'revoked' | 'unknown';

  @ApiPropertyOptional({ maxLength: HOLDER_NAME_MAX_LENGTH, example: 'N***** V** A*' })
  holderName?: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'CITIZEN_BASIC' })
  programme?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 24, example: '2025-09-30T08:00:00.000Z' })
  issuedAt?: string;
}

export function toCertificateDto(certificate: Certificate): CertificateDto {
  return {
    certificateNo: certificate.certificateNo,
    status: statusOf(certificate),
    holderName: certificate.maskedName,
    programme: certificate.programme,
    unitCode: certificate.unitCode,
    issuedAt: certificate.issuedAt.toISOString(),
    revokedAt: certificate.revokedAt?.toISOString() ?? null,
  };
}

export class LearnerCertificatesParamsDto {
  @ApiProperty({ format: 'uuid', example: '0b7c1a52-2a8f-4c43-9d6c-5c1d2b0c9f11' })
  @IsUUID()
  learnerId: string;
}

export class CertificateNoParamsDto {
  @ApiProperty({ example: 'BDHVS-2025-000001' })
  @IsString()
  @Length(1, 64)
  certificateNo: string;
}
