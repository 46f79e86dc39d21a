import { ApiProperty } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';
import type { CertificationState } from '../domain/learner-certification';

const LEARNER_KEY_EXAMPLE = '5f2b8a9c0d4e6f1a3b7c9d2e4f6a8b0c1d3e5f7a9b2c4d6e8f0a1b3c5d7e9f2a';

export class LearnerKeyParamsDto {
  @ApiProperty({
    example: LEARNER_KEY_EXAMPLE,
    description:
      'Keyed hash (HMAC-SHA256, hex) of the citizen ID, as in the certification events; never the ID itself',
  })
  @Matches(/^[0-9a-f]{64}$/, { message: 'learnerKey must be 64 lower-case hexadecimal characters' })
  @MaxLength(64)
  learnerKey: string;
}

export class LearnerCertificateDto {
  @ApiProperty({ maxLength: 64, example: 'BDHVS-2025-000001' })
  certificateNo: string;

  @ApiProperty({ maxLength: 64, example: 'CITIZEN_BASIC' })
  programme: string;

  @ApiProperty({ maxLength: 5, example: '03388', description: 'Commune or ward code on the 2025 map' })
  unitCode: string;

  @ApiProperty({
    enum: ['valid', 'revoked', 'not-yet-issued'],
    example: 'valid',
    description: "'not-yet-issued': known from a revocation (or a future issue time) only",
  })
  status: CertificationState;

  @ApiProperty({
    format: 'date-time',
    maxLength: 24,
    example: '2025-09-30T08:00:00.000Z',
    nullable: true,
    type: String,
  })
  issuedAt: string | null;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: null, nullable: true, type: String })
  revokedAt: string | null;
}

export class CertificationStatusDto {
  @ApiProperty({ minLength: 64, maxLength: 64, example: LEARNER_KEY_EXAMPLE })
  learnerKey: string;

  @ApiProperty({ example: true, description: 'At least one certificate is issued and not revoked' })
  certified: boolean;

  // One standing certificate per programme; revoked ones stay listed, but revocations of one learner are few.
  @ApiProperty({ type: LearnerCertificateDto, isArray: true, maxItems: 1000 })
  certificates: LearnerCertificateDto[];
}
