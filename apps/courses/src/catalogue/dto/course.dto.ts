import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_PROGRAMMES } from '../../programmes/dto/programme.dto';
import { STUDENT_LEVELS, TARGET_GROUPS, TargetGroup } from '../../programmes/domain/programme';
import {
  ACCESSIBILITY_TAGS,
  Accessibility,
  COMPLETION_RULES,
  COURSE_MODES,
  COURSE_STATUSES,
  CompletionRule,
  CourseMode,
  MAX_COURSE_COMPETENCIES,
  MAX_MODULES,
} from '../domain/course';

export const LANGUAGE_PATTERN = /^[a-z]{2,3}$/;

/**
 * What listCourses and listEnrolments (one enrolment per course) answer at most. Not paged: the province's
 * catalogue stays far below it (next steps hold every published course in memory); not enforced.
 */
export const MAX_LISTED_COURSES = 1000;

export class CourseIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '7d3f0c1e-2b4a-4c5d-8e6f-9a0b1c2d3e4f' })
  @IsUUID()
  courseId: string;
}

export class CourseModuleDto {
  @ApiProperty({ example: 'M1', description: 'Unique within the course' })
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: 'code must be 1-64 letters, digits, dot, dash or underscore',
  })
  code: string;

  @ApiProperty({ example: 'Cài đặt VNeID trên điện thoại' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ example: true, description: 'Counts for ALL_REQUIRED_MODULES' })
  @IsBoolean()
  required: boolean;

  @ApiPropertyOptional({
    example: ['BASIC-VNEID'],
    description: "Competencies this module covers on its own: some of the course's",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_COURSE_COMPETENCIES)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  competencies?: string[];
}

export class CompletionDto {
  @ApiProperty({ enum: COMPLETION_RULES, example: 'ALL_REQUIRED_MODULES' })
  @IsIn(COMPLETION_RULES, { message: `rule must be one of: ${COMPLETION_RULES.join(', ')}` })
  rule: CompletionRule;

  @ApiPropertyOptional({
    example: 80,
    description: 'With PASSING_SCORE: the best score must reach it (0-100)',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  passingScore?: number;
}

export class CreateCourseDto {
  @ApiProperty({ example: 'LC-CD-VNEID-01', description: 'Unique code of the course' })
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: 'code must be 1-64 letters, digits, dot, dash or underscore',
  })
  code: string;

  @ApiProperty({ example: 'Định danh điện tử VNeID và dịch vụ công trực tuyến' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ enum: TARGET_GROUPS, isArray: true, example: ['CITIZEN'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(TARGET_GROUPS, { each: true, message: `groups must be among: ${TARGET_GROUPS.join(', ')}` })
  groups: TargetGroup[];

  @ApiProperty({ enum: COURSE_MODES, example: 'BLENDED' })
  @IsIn(COURSE_MODES, { message: `mode must be one of: ${COURSE_MODES.join(', ')}` })
  mode: CourseMode;

  @ApiProperty({
    example: 'vi',
    description: 'ISO 639 code of the content: `vi`, or a minority language (e.g. `hmn` Hmong)',
  })
  @MaxLength(3)
  @Matches(LANGUAGE_PATTERN, { message: 'language must be an ISO 639 code of 2 or 3 lower-case letters' })
  language: string;

  @ApiPropertyOptional({ enum: ACCESSIBILITY_TAGS, isArray: true, example: ['CAPTIONS', 'EASY_READ'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ACCESSIBILITY_TAGS, {
    each: true,
    message: `accessibility must be among: ${ACCESSIBILITY_TAGS.join(', ')}`,
  })
  accessibility?: Accessibility[];

  @ApiProperty({
    example: ['BASIC-VNEID', 'BASIC-PUBLIC-SERVICES'],
    description: 'Codes of the framework: competencies 1.1-6.3 of Thông tư 02/2025 and the BASIC-... skills',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COURSE_COMPETENCIES)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  competencies: string[];

  @ApiPropertyOptional({ example: 2, description: 'Level (bậc 1-8) of Thông tư 02/2025 the content is for' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  level?: number;

  @ApiProperty({ type: CourseModuleDto, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MODULES)
  @ValidateNested({ each: true })
  @Type(() => CourseModuleDto)
  modules: CourseModuleDto[];

  @ApiProperty({ type: CompletionDto })
  @ValidateNested()
  @Type(() => CompletionDto)
  completion: CompletionDto;

  @ApiPropertyOptional({
    example: 'https://mooc.binhdanhocvuso.gov.vn/courses/vneid-01',
    description: 'IRI of the course activity (for xAPI statements)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @Matches(/^[a-z][a-z0-9+.-]*:\S+$/i, { message: 'activityId must be an IRI' })
  activityId?: string;
}

export class ListCoursesQueryDto {
  @ApiPropertyOptional({ enum: TARGET_GROUPS, example: 'CITIZEN' })
  @IsOptional()
  @IsIn(TARGET_GROUPS, { message: `group must be one of: ${TARGET_GROUPS.join(', ')}` })
  group?: string;

  @ApiPropertyOptional({ enum: COURSE_MODES })
  @IsOptional()
  @IsIn(COURSE_MODES, { message: `mode must be one of: ${COURSE_MODES.join(', ')}` })
  mode?: string;

  @ApiPropertyOptional({ example: 'vi' })
  @IsOptional()
  @MaxLength(3)
  @Matches(LANGUAGE_PATTERN, { message: 'language must be an ISO 639 code of 2 or 3 lower-case letters' })
  language?: string;

  @ApiPropertyOptional({ enum: COURSE_STATUSES })
  @IsOptional()
  @IsIn(COURSE_STATUSES, { message: `status must be one of: ${COURSE_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ example: 'BASIC-VNEID', description: 'Courses covering this competency' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  competency?: string;
}

export class ProgrammeRefDto {
  @ApiProperty({ example: 'CITIZEN_BASIC', maxLength: 64 })
  code: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ enum: TARGET_GROUPS, example: 'CITIZEN' })
  group: string;

  @ApiProperty({ enum: STUDENT_LEVELS, isArray: true, example: [], maxItems: STUDENT_LEVELS.length })
  studentLevels: string[];
}

export class CourseModuleOutDto {
  @ApiProperty({ example: 'M1', maxLength: 64 })
  code: string;

  @ApiProperty({ example: 'Cài đặt VNeID trên điện thoại', maxLength: 200 })
  title: string;

  @ApiProperty({ example: true })
  required: boolean;

  @ApiProperty({ example: ['BASIC-VNEID'], maxItems: MAX_COURSE_COMPETENCIES, maxLength: 64 })
  competencies: string[];
}

export class CompletionOutDto {
  @ApiProperty({ enum: COMPLETION_RULES, example: 'ALL_REQUIRED_MODULES' })
  rule: string;

  @ApiProperty({ example: null, nullable: true, type: Number })
  passingScore: number | null;
}

export class CourseDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '7d3f0c1e-2b4a-4c5d-8e6f-9a0b1c2d3e4f' })
  id: string;

  @ApiProperty({ example: 'LC-CD-VNEID-01', maxLength: 64 })
  code: string;

  @ApiProperty({ example: 'Định danh điện tử VNeID và dịch vụ công trực tuyến', maxLength: 200 })
  title: string;

  @ApiProperty({ enum: TARGET_GROUPS, isArray: true, example: ['CITIZEN'], maxItems: TARGET_GROUPS.length })
  groups: string[];

  @ApiProperty({ enum: COURSE_MODES, example: 'BLENDED' })
  mode: string;

  @ApiProperty({ example: 'vi', maxLength: 3 })
  language: string;

  @ApiProperty({
    enum: ACCESSIBILITY_TAGS,
    isArray: true,
    example: ['CAPTIONS'],
    maxItems: ACCESSIBILITY_TAGS.length,
  })
  accessibility: string[];

  @ApiProperty({
    example: ['BASIC-VNEID', 'BASIC-PUBLIC-SERVICES'],
    maxItems: MAX_COURSE_COMPETENCIES,
    maxLength: 64,
  })
  competencies: string[];

  @ApiProperty({ example: null, nullable: true, type: Number })
  level: number | null;

  @ApiProperty({ type: CourseModuleOutDto, isArray: true, maxItems: MAX_MODULES })
  modules: CourseModuleOutDto[];

  @ApiProperty({ type: CompletionOutDto })
  completion: CompletionOutDto;

  @ApiProperty({ example: null, nullable: true, type: String, maxLength: 500 })
  activityId: string | null;

  @ApiProperty({ enum: COURSE_STATUSES, example: 'PUBLISHED' })
  status: string;

  @ApiProperty({
    type: ProgrammeRefDto,
    isArray: true,
    maxItems: MAX_PROGRAMMES,
    description: 'Fixed when published',
  })
  programmes: ProgrammeRefDto[];

  @ApiProperty({ example: '2025-10-01T08:00:00.000Z', format: 'date-time', maxLength: 24 })
  createdAt: string;

  @ApiProperty({
    example: '2025-10-02T08:00:00.000Z',
    nullable: true,
    type: String,
    format: 'date-time',
    maxLength: 24,
  })
  publishedAt: string | null;
}
