import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_MODULES } from '../../catalogue/domain/course';
import { AUDIENCES, Audience, TEACHER_ROLES, TeacherRole } from '../domain/community-class';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ClassIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' })
  @IsUUID()
  classId: string;
}

export class TeacherDto {
  @ApiProperty({ enum: TEACHER_ROLES, example: 'MENTOR' })
  @IsIn(TEACHER_ROLES, { message: `role must be one of: ${TEACHER_ROLES.join(', ')}` })
  role: TeacherRole;

  @ApiProperty({ example: 'Lò Văn Minh' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({
    example: 'mentor-03388-01',
    description: 'The account (token `sub`, role mentor) that records attendance for the class',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  sub?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c',
    description: 'A mentor is a registered learner',
  })
  @IsOptional()
  @IsUUID()
  learnerId?: string;
}

export class WeeklyScheduleDto {
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    isArray: true,
    example: [6],
    description: 'ISO weekdays: 1 Monday ... 7 Sunday',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];

  @ApiProperty({ example: '08:00', description: 'HH:MM, Vietnam time' })
  @Length(5, 5)
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be HH:MM' })
  startTime: string;

  @ApiProperty({ example: 90, type: 'integer', format: 'int32' })
  @IsInt()
  @Min(15)
  @Max(600)
  durationMinutes: number;

  @ApiProperty({ example: '2025-10-04', format: 'date' })
  @Length(10, 10)
  @Matches(DATE, { message: 'startsOn must be YYYY-MM-DD' })
  startsOn: string;

  @ApiPropertyOptional({
    example: '2025-12-27',
    format: 'date',
    description: 'The last day sessions may be held; open-ended if absent',
  })
  @IsOptional()
  @Length(10, 10)
  @Matches(DATE, { message: 'endsOn must be YYYY-MM-DD' })
  endsOn?: string;
}

export class ModulePlanItemDto {
  @ApiProperty({ example: 'M1' })
  @IsString()
  @Length(1, 64)
  moduleCode: string;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    isArray: true,
    example: [1, 2],
    description: 'Session numbers (1 = the first session) that cover it',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(1000, { each: true })
  sessions: number[];
}

export class CreateClassDto {
  @ApiProperty({
    format: 'uuid',
    example: '7d3f0c1e-2b4a-4c5d-8e6f-9a0b1c2d3e4f',
    description: 'A published course',
  })
  @IsUUID()
  courseId: string;

  @ApiProperty({ example: '03388', description: 'The commune or ward (2025 map) that holds the class' })
  @Length(5, 5)
  @Matches(/^\d{5}$/, { message: 'unitCode must be a five-digit commune or ward code' })
  unitCode: string;

  @ApiProperty({ enum: AUDIENCES, example: 'ELDERLY' })
  @IsIn(AUDIENCES, { message: `audience must be one of: ${AUDIENCES.join(', ')}` })
  audience: Audience;

  @ApiPropertyOptional({ example: 'Lớp “Bình dân học vụ số” cho người cao tuổi, bản Nà Khum' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiProperty({ type: TeacherDto })
  @ValidateNested()
  @Type(() => TeacherDto)
  teacher: TeacherDto;

  @ApiProperty({ type: WeeklyScheduleDto })
  @ValidateNested()
  @Type(() => WeeklyScheduleDto)
  schedule: WeeklyScheduleDto;

  @ApiPropertyOptional({
    type: ModulePlanItemDto,
    isArray: true,
    description: "Which sessions cover each module; by default module i is session i, in the course's order",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ModulePlanItemDto)
  modulePlan?: ModulePlanItemDto[];
}

export class RecordAttendanceDto {
  @ApiProperty({
    example: '2025-10-04',
    format: 'date',
    description: 'A date of the schedule whose session has started',
  })
  @Length(10, 10)
  @Matches(DATE, { message: 'sessionDate must be YYYY-MM-DD' })
  sessionDate: string;

  @ApiProperty({ example: ['5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c'], description: 'Learners present' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'each of learnerIds must be a UUID' })
  learnerIds: string[];
}

export class ListClassesQueryDto {
  @ApiPropertyOptional({ example: '03388' })
  @IsOptional()
  @Length(5, 5)
  @Matches(/^\d{5}$/, { message: 'unitCode must be a five-digit commune or ward code' })
  unitCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
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

export class TeacherOutDto {
  @ApiProperty({ enum: TEACHER_ROLES, example: 'MENTOR' })
  role: string;

  @ApiProperty({ example: 'Lò Văn Minh', maxLength: 200 })
  name: string;

  @ApiProperty({ example: 'mentor-03388-01', nullable: true, type: String, maxLength: 200 })
  sub: string | null;

  @ApiProperty({ example: null, nullable: true, type: String, format: 'uuid', maxLength: 36 })
  learnerId: string | null;
}

export class WeeklyScheduleOutDto {
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    isArray: true,
    minimum: 1,
    maximum: 7,
    maxItems: 7,
    example: [6],
  })
  weekdays: number[];

  @ApiProperty({ example: '08:00', maxLength: 5 })
  startTime: string;

  @ApiProperty({ example: 90 })
  durationMinutes: number;

  @ApiProperty({ example: '2025-10-04', format: 'date', maxLength: 10 })
  startsOn: string;

  @ApiProperty({ example: '2025-12-27', nullable: true, type: String, format: 'date', maxLength: 10 })
  endsOn: string | null;
}

export class ModulePlanItemOutDto {
  @ApiProperty({ example: 'M1', maxLength: 64 })
  moduleCode: string;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    isArray: true,
    minimum: 1,
    maximum: 1000,
    maxItems: 100,
    example: [1, 2],
  })
  sessions: number[];
}

export class CommunityClassDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' })
  id: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '7d3f0c1e-2b4a-4c5d-8e6f-9a0b1c2d3e4f' })
  courseId: string;

  @ApiProperty({ example: '03388', maxLength: 5 })
  unitCode: string;

  @ApiProperty({ enum: AUDIENCES, example: 'ELDERLY' })
  audience: string;

  @ApiProperty({ example: 'Lớp “Bình dân học vụ số” cho người cao tuổi', maxLength: 200 })
  title: string;

  @ApiProperty({ type: TeacherOutDto })
  teacher: TeacherOutDto;

  @ApiProperty({ type: WeeklyScheduleOutDto })
  schedule: WeeklyScheduleOutDto;

  @ApiProperty({ type: ModulePlanItemOutDto, isArray: true, maxItems: MAX_MODULES })
  modulePlan: ModulePlanItemOutDto[];

  @ApiProperty({ example: '2025-10-01T08:00:00.000Z', format: 'date-time', maxLength: 24 })
  createdAt: string;
}

export class AttendeeDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  learnerId: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '0c9e8d7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f' })
  enrolmentId: string;

  @ApiProperty({ example: ['M1'], maxItems: MAX_MODULES, maxLength: 64 })
  completedModules: string[];

  @ApiProperty({ enum: ['ENROLLED', 'IN_PROGRESS', 'COMPLETED'], example: 'IN_PROGRESS' })
  status: string;

  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time', maxLength: 24 })
  completedAt: string | null;
}

export class AttendanceDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' })
  classId: string;

  @ApiProperty({ example: '2025-10-04', format: 'date', maxLength: 10 })
  sessionDate: string;

  @ApiProperty({ example: 1 })
  sessionNumber: number;

  @ApiProperty({
    example: 12,
    description: 'Learners recorded by this call (not recorded for the session before)',
  })
  recorded: number;

  @ApiProperty({ example: 14, description: 'Learners recorded for the session so far' })
  attendees: number;

  @ApiProperty({ type: AttendeeDto, isArray: true, maxItems: 500 })
  learners: AttendeeDto[];
}
