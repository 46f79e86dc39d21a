import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

const UNIT_CODE = /^\d{2,5}$/;

export class RegisterMentorDto {
  @ApiProperty({
    format: 'uuid',
    example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c',
    description: 'A registered learner',
  })
  @IsUUID()
  learnerId: string;

  @ApiProperty({
    example: '03388',
    description: 'The commune or ward the mentor works in (theirs or above it)',
  })
  @Matches(UNIT_CODE, { message: 'unitCode must be a unit code of 2 to 5 digits' })
  @MaxLength(5)
  unitCode: string;

  @ApiPropertyOptional({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({
    example: 'mentor-03388-01',
    description: 'The account (token `sub`, role mentor) the mentor acts with',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  account?: string;
}

export class AssignMenteeDto {
  @ApiProperty({ format: 'uuid', example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  @IsUUID()
  mentorId: string;

  @ApiProperty({ format: 'uuid', example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c', description: 'The mentee' })
  @IsUUID()
  learnerId: string;
}

export class ReassignMenteeDto {
  @ApiProperty({
    format: 'uuid',
    example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
    description: 'The new mentor',
  })
  @IsUUID()
  mentorId: string;
}

export class MenteeParamsDto {
  @ApiProperty({ format: 'uuid', example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c', description: 'The mentee' })
  @IsUUID()
  learnerId: string;
}

export class RegisterDeskHelperDto {
  @ApiProperty({ format: 'uuid', example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  @IsUUID()
  learnerId: string;

  @ApiProperty({
    example: '03388',
    description: 'The commune or ward whose public-service desk they help at',
  })
  @Matches(UNIT_CODE, { message: 'unitCode must be a unit code of 2 to 5 digits' })
  @MaxLength(5)
  unitCode: string;
}

export class MentorIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  @IsUUID()
  mentorId: string;
}

export class MentorDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  id: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  learnerId: string;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, nullable: true, type: String, example: null })
  campaignId: string | null;

  @ApiProperty({ maxLength: 200, nullable: true, type: String, example: 'mentor-03388-01' })
  account: string | null;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-01T02:00:00.000Z' })
  registeredAt: string;
}

export class MenteeDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  mentorId: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  learnerId: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-02T02:00:00.000Z' })
  assignedAt: string;
}

export class ReassignedMenteeDto extends MenteeDto {
  @ApiProperty({
    format: 'uuid',
    maxLength: 36,
    nullable: true,
    type: String,
    example: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
    description:
      'The mentor whose assignment this change ended; null when the mentee already had this mentor',
  })
  previousMentorId: string | null;
}

export class FormerMenteeDto extends MenteeDto {
  @ApiProperty({
    format: 'date-time',
    maxLength: 24,
    example: '2025-11-02T02:00:00.000Z',
    description: 'When the mentee changed mentor',
  })
  endedAt: string;
}

export class MentorWithMenteesDto extends MentorDto {
  // A mentor has no cap on mentees; the reads stop at 1,000 each, far beyond one person's guidance.
  @ApiProperty({
    type: [MenteeDto],
    maxItems: 1000,
    description: 'The mentees guided now (the 5-mentee rule counts them)',
  })
  mentees: MenteeDto[];

  @ApiProperty({
    type: [FormerMenteeDto],
    maxItems: 1000,
    description: 'Mentees who changed mentor, latest first',
  })
  formerMentees: FormerMenteeDto[];

  @ApiProperty({ example: true, description: 'Guides at least 5 mentees (m_mentor5)' })
  meetsMenteeRule: boolean;
}

export class DeskHelperDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a' })
  id: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  learnerId: string;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-01T02:00:00.000Z' })
  registeredAt: string;
}
