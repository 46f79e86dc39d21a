import { ApiProperty } from '@nestjs/swagger';
import { CertificationRequest } from '../domain/certification-request';

// One request per learner and programme VNeID certifies (VNEID_PROGRAMMES: seven today).
export const MAX_REQUESTS_OF_LEARNER = 100;

export class CertificationRequestDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '5d0f3c4e-8a61-4a8e-9b0f-2f6c1d8e7a10' })
  requestId: string;

  @ApiProperty({ maxLength: 64, example: 'CITIZEN_BASIC' })
  programme: string;

  @ApiProperty({
    enum: ['requested', 'confirmed', 'already-certified'],
    example: 'confirmed',
    description:
      'requested: sent to VNeID, no certificate yet; confirmed: VNeID certified the learner in the programme ' +
      'since (certificateNo); already-certified: a standing certificate existed, nothing was sent',
  })
  state: string;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ maxLength: 64, example: 'CB-101' })
  courseCode: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-01T08:00:00.000Z' })
  completedAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-01T08:00:01.000Z' })
  requestedAt: string;

  @ApiProperty({ maxLength: 64, example: 'BDHVS-2025-000001', nullable: true, type: String })
  certificateNo: string | null;

  @ApiProperty({
    format: 'date-time',
    maxLength: 24,
    example: '2025-10-03T08:00:00.000Z',
    nullable: true,
    type: String,
  })
  confirmedAt: string | null;
}

export function toCertificationRequestDto(r: CertificationRequest): CertificationRequestDto {
  return {
    requestId: r.id,
    programme: r.programme,
    state: r.state,
    unitCode: r.unitCode,
    courseCode: r.courseCode,
    completedAt: r.completedAt.toISOString(),
    requestedAt: r.requestedAt.toISOString(),
    certificateNo: r.certificateNo,
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
  };
}
