import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Certificate, statusOf } from '../domain/certificate';

export class CertificateDto {
  @ApiProperty({ example: 'BDHVS-2025-000001' })
  certificateNo: string;

  @ApiProperty({ enum: ['valid', 'revoked'], example: 'valid' })
  status: 'valid' | 'revoked';

  @ApiProperty({ example: 'N***** V** A*' })
  holderName: string;

  @ApiProperty({ example: 'CITIZEN_BASIC' })
  programme: string;

  @ApiProperty({ example: '03388' })
  unitCode: string;

  @ApiProperty({ example: '2025-09-30T08:00:00.000Z' })
  issuedAt: string;

  @ApiPropertyOptional({ example: null, nullable: true, type: String })
  revokedAt: string | null;
}

export class CertificateVerificationDto {
  @ApiProperty({ example: 'BDHVS-2025-000001' })
  certificateNo: string;

  @ApiProperty({ enum: ['valid', 'revoked', 'unknown'], example: 'valid' })
  status: 'valid' | 'revoked' | 'unknown';

  @ApiPropertyOptional({ example: 'N***** V** A*' })
  holderName?: string;

  @ApiPropertyOptional({ example: 'CITIZEN_BASIC' })
  programme?: string;

  @ApiPropertyOptional({ example: '2025-09-30T08:00:00.000Z' })
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
