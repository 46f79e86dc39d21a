import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsISO8601,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_MODULES } from '../../catalogue/domain/course';

const LEARNER_ID = { format: 'uuid', maxLength: 36, example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' };
const COURSE_ID = { format: 'uuid', maxLength: 36, example: '7d3f0c1e-2b4a-4c5d-8e6f-9a0b1c2d3e4f' };
const TIMESTAMP = { format: 'date-time', maxLength: 24 };

export class EnrollLearnerDto {
  @ApiProperty(LEARNER_ID)
  @IsUUID()
  learnerId: string;

  @ApiProperty(COURSE_ID)
  @IsUUID()
  courseId: string;
}

export class RecordProgressDto {
  @ApiProperty(LEARNER_ID)
  @IsUUID()
  learnerId: string;

  @ApiProperty(COURSE_ID)
  @IsUUID()
  courseId: string;

  @ApiProperty({
    example: 60,
    minimum: 0,
    maximum: 100,
    description: 'Share of the course done; a figure below the one recorded changes nothing',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  progressPercent: number;

  @ApiPropertyOptional({ example: 'M1', description: 'A module of the course the learner completed' })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'moduleCode must be a module code' })
  moduleCode?: string;

  @ApiPropertyOptional({
    example: 85,
    minimum: 0,
    maximum: 100,
    description: 'A score out of 100; the best counts',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  score?: number;

  @ApiPropertyOptional({
    example: '2025-10-05T09:30:00+07:00',
    format: 'date-time',
    description:
      'When the learner did it (with a zone); not in the future, not before 2025-01-01 Vietnam time',
  })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true }, { message: 'completedAt must be an ISO 8601 date-time' })
  @Matches(/T.*(Z|[+-]\d{2}:\d{2})$/, { message: 'completedAt must be a date-time with a time zone' })
  completedAt?: string;
}

export class EnrolmentIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '0c9e8d7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f' })
  @IsUUID()
  enrolmentId: string;
}

export class ListEnrolmentsQueryDto {
  @ApiProperty(LEARNER_ID)
  @IsUUID()
  learnerId: string;
}

export class ListPendingQueryDto {
  @ApiPropertyOptional(LEARNER_ID)
  @IsOptional()
  @IsUUID()
  learnerId?: string;

  @ApiPropertyOptional(COURSE_ID)
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    example: 100,
    minimum: 1,
    maximum: 1000,
    default: 100,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;
}

export class EnrolmentDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '0c9e8d7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f' })
  id: string;

  @ApiProperty(LEARNER_ID)
  learnerId: string;

  @ApiProperty(COURSE_ID)
  courseId: string;

  @ApiProperty({ example: 'LC-CD-VNEID-01', maxLength: 64 })
  courseCode: string;

  @ApiProperty({ enum: ['ENROLLED', 'IN_PROGRESS', 'COMPLETED'], example: 'IN_PROGRESS' })
  status: string;

  @ApiProperty({ enum: ['MOOC', 'OFFICER', 'CLASS'], example: 'MOOC' })
  enrolledVia: string;

  @ApiProperty({ example: '2025-10-01T08:00:00.000Z', ...TIMESTAMP })
  enrolledAt: string;

  @ApiProperty({ example: 60 })
  progressPercent: number;

  @ApiProperty({ example: ['M1'], maxItems: MAX_MODULES, maxLength: 64 })
  completedModules: string[];

  @ApiProperty({ example: null, nullable: true, type: Number, description: 'The best score reported' })
  score: number | null;

  @ApiProperty({ example: null, nullable: true, type: String, ...TIMESTAMP })
  completedAt: string | null;

  @ApiProperty({ enum: ['MOOC', 'CLASS', null], example: null, nullable: true, type: String })
  completedVia: string | null;

  @ApiProperty({ example: '2025-10-05T02:30:00.000Z', ...TIMESTAMP })
  updatedAt: string;
}

export class PendingIntakeDto {
  @ApiProperty({ enum: ['PENDING'], example: 'PENDING' })
  status: 'PENDING';

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '2f1e0d9c-8b7a-4654-8321-0fedcba98765' })
  pendingId: string;

  @ApiProperty({ enum: ['ENROLMENT', 'PROGRESS'], example: 'PROGRESS' })
  kind: 'ENROLMENT' | 'PROGRESS';

  @ApiProperty(LEARNER_ID)
  learnerId: string;

  @ApiProperty(COURSE_ID)
  courseId: string;

  @ApiProperty({ example: 60, nullable: true, type: Number })
  progressPercent: number | null;

  @ApiProperty({ example: ['M1'], maxItems: MAX_MODULES, maxLength: 64 })
  moduleCodes: string[];

  @ApiProperty({ example: null, nullable: true, type: Number })
  score: number | null;

  @ApiProperty({ example: '2025-10-05T02:30:00.000Z', nullable: true, type: String, ...TIMESTAMP })
  completedAt: string | null;

  @ApiProperty({ example: '2025-10-05T02:30:01.000Z', ...TIMESTAMP })
  receivedAt: string;

  @ApiProperty({
    example: 'The registry has not told the courses service of this learner yet: applied when it does.',
    maxLength: 200,
  })
  reason: string;
}
