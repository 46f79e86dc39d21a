import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import {
  ACCESSIBILITY_TAGS,
  Accessibility,
  COURSE_MODES,
  MAX_COURSE_COMPETENCIES,
} from '../../catalogue/domain/course';
import { AUDIENCES } from '../../classes/domain/community-class';
import { LANGUAGE_PATTERN } from '../../catalogue/dto/course.dto';
import { COMPETENCY_COUNT } from '../../competencies/domain/competency-framework';
import { BASIC_SKILLS_MAX } from '../../competencies/dto/competency.dto';
import { STUDENT_LEVELS, TARGET_GROUPS } from '../../programmes/domain/programme';
import { MAX_PROGRAMMES } from '../../programmes/dto/programme.dto';

/** Each code of the framework at most once: the gaps and what covers them. */
const FRAMEWORK_CODES_MAX = COMPETENCY_COUNT + BASIC_SKILLS_MAX;
/** ClassRepository.ofUnit reads at most 1000 classes of the learner's commune. */
const UNIT_CLASSES_MAX = 1000;
/** A gap per competency the step closes, its programmes, four others, a class nearby each. */
const REASONS_MAX = MAX_COURSE_COMPETENCIES + MAX_PROGRAMMES + 4 + UNIT_CLASSES_MAX;
const NAME = { maxLength: 200 };
const CODE = { maxLength: 64 };

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export class LearnerIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  @IsUUID()
  learnerId: string;
}

export class NextStepsQueryDto {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: 3, pattern: LANGUAGE_PATTERN.source },
    maxItems: 8,
    example: ['hmn', 'vi'],
    description:
      'Acceptable content languages (ISO 639), most preferred first, comma-separated. By default the language ' +
      "of the learner's community (from the registry's ethnicity), then vi.",
  })
  @IsOptional()
  @Transform(list)
  @IsArray({ message: 'language must be a comma-separated list' })
  @ArrayMaxSize(8)
  @Matches(LANGUAGE_PATTERN, {
    each: true,
    message: 'language must be ISO 639 codes of 2 or 3 lower-case letters',
  })
  language?: string[];

  @ApiPropertyOptional({
    enum: ACCESSIBILITY_TAGS,
    isArray: true,
    maxItems: ACCESSIBILITY_TAGS.length,
    example: ['CAPTIONS'],
    description:
      'Accessibility a course must offer, comma-separated. By default none is required, and what suits a ' +
      'learner with a disability or aged 60 or more is preferred.',
  })
  @IsOptional()
  @Transform(list)
  @IsArray({ message: 'accessibility must be a comma-separated list' })
  @ArrayMaxSize(4)
  @IsIn(ACCESSIBILITY_TAGS, {
    each: true,
    message: `accessibility must be among: ${ACCESSIBILITY_TAGS.join(', ')}`,
  })
  accessibility?: Accessibility[];

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    example: 10,
    minimum: 1,
    maximum: 50,
    default: 10,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 10;
}

export class ReasonDto {
  @ApiProperty({
    enum: ['COMPETENCY_GAP', 'PROGRAMME', 'ENROLLED', 'LANGUAGE', 'ACCESSIBILITY', 'LEVEL', 'CLASS_NEARBY'],
    example: 'COMPETENCY_GAP',
  })
  code: string;

  @ApiProperty({
    example:
      'Not yet covered: BASIC-VNEID (Cài đặt và sử dụng ứng dụng VNeID, danh tính số), required by CITIZEN_BASIC',
    maxLength: 1000,
  })
  message: string;

  @ApiPropertyOptional({ example: 'BASIC-VNEID', ...CODE })
  competency?: string;

  @ApiPropertyOptional({ example: 'Cài đặt và sử dụng ứng dụng VNeID, danh tính số', ...NAME })
  name?: string;

  @ApiPropertyOptional({ example: ['CITIZEN_BASIC'], maxItems: MAX_PROGRAMMES, ...CODE })
  programmes?: string[];

  @ApiPropertyOptional({ example: 'CITIZEN_BASIC', ...CODE })
  programme?: string;

  @ApiPropertyOptional({ example: 1 })
  version?: number;

  @ApiPropertyOptional({ enum: TARGET_GROUPS, example: 'CITIZEN' })
  group?: string;

  @ApiPropertyOptional({ example: 40 })
  progressPercent?: number;

  @ApiPropertyOptional({ example: 'hmn', maxLength: 3 })
  language?: string;

  @ApiPropertyOptional({ example: true })
  preferred?: boolean;

  @ApiPropertyOptional({
    enum: ACCESSIBILITY_TAGS,
    isArray: true,
    example: ['AUDIO'],
    maxItems: ACCESSIBILITY_TAGS.length,
  })
  accessibility?: string[];

  @ApiPropertyOptional({ example: 2 })
  level?: number;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  classId?: string;

  @ApiPropertyOptional({ enum: AUDIENCES, example: 'ELDERLY' })
  audience?: string;
}

export class NextStepDto {
  @ApiProperty({ enum: ['MODULE', 'COURSE'], example: 'MODULE' })
  kind: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '7d3f0c1e-2b4a-4c5d-8e6f-9a0b1c2d3e4f' })
  courseId: string;

  @ApiProperty({ example: 'LC-CD-VNEID-01', ...CODE })
  courseCode: string;

  @ApiProperty({ example: 'Định danh điện tử VNeID và dịch vụ công trực tuyến', ...NAME })
  courseTitle: string;

  @ApiProperty({ example: 'M2', nullable: true, type: String, ...CODE })
  moduleCode: string | null;

  @ApiProperty({ example: 'Cài đặt VNeID trên điện thoại', nullable: true, type: String, ...NAME })
  moduleTitle: string | null;

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
    example: ['BASIC-VNEID'],
    maxItems: MAX_COURSE_COMPETENCIES,
    ...CODE,
    description: "The learner's gaps this step closes",
  })
  closes: string[];

  @ApiProperty({ type: ReasonDto, isArray: true, maxItems: REASONS_MAX })
  reasons: ReasonDto[];

  @ApiProperty({
    example: [],
    format: 'uuid',
    maxLength: 36,
    maxItems: UNIT_CLASSES_MAX,
    description: "Community classes of the learner's commune for the course that suit them",
  })
  classIds: string[];
}

export class GapDto {
  @ApiProperty({ example: 'BASIC-VNEID', ...CODE })
  competency: string;

  @ApiProperty({ example: 'Cài đặt và sử dụng ứng dụng VNeID, danh tính số', ...NAME })
  name: string;

  @ApiProperty({ example: ['CITIZEN_BASIC'], maxItems: MAX_PROGRAMMES, ...CODE })
  programmes: string[];
}

export class CoveredDto {
  @ApiProperty({ example: 'BASIC-SMARTPHONE', ...CODE })
  competency: string;

  @ApiProperty({ example: 'Sử dụng thiết bị thông minh để khai thác thông tin', ...NAME })
  name: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '7d3f0c1e-2b4a-4c5d-8e6f-9a0b1c2d3e4f' })
  courseId: string;

  @ApiProperty({ example: 'M1', nullable: true, type: String, ...CODE })
  moduleCode: string | null;
}

export class FollowedProgrammeDto {
  @ApiProperty({ example: 'CITIZEN_BASIC', ...CODE })
  code: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ enum: TARGET_GROUPS, example: 'CITIZEN' })
  group: string;

  @ApiProperty({ enum: STUDENT_LEVELS, isArray: true, example: [], maxItems: STUDENT_LEVELS.length })
  studentLevels: string[];

  @ApiProperty({ example: 'Kỹ năng số cơ bản cho người dân', ...NAME })
  title: string;
}

export class NeedsDto {
  @ApiProperty({ example: ['hmn', 'vi'], maxItems: 8, maxLength: 3 })
  languages: string[];

  @ApiProperty({ enum: ['request', 'registry'], example: 'registry' })
  languagesFrom: string;

  @ApiProperty({ enum: ACCESSIBILITY_TAGS, isArray: true, example: [], maxItems: ACCESSIBILITY_TAGS.length })
  requiredAccessibility: string[];

  @ApiProperty({
    enum: ACCESSIBILITY_TAGS,
    isArray: true,
    example: ['EASY_READ', 'AUDIO'],
    maxItems: ACCESSIBILITY_TAGS.length,
  })
  preferredAccessibility: string[];

  @ApiProperty({
    enum: AUDIENCES,
    isArray: true,
    example: ['ELDERLY', 'GENERAL'],
    maxItems: AUDIENCES.length,
  })
  audiences: string[];
}

export class NextStepsDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  learnerId: string;

  @ApiProperty({
    type: FollowedProgrammeDto,
    isArray: true,
    maxItems: MAX_PROGRAMMES,
    description: "The programmes of the learner's groups",
  })
  programmes: FollowedProgrammeDto[];

  @ApiProperty({ type: NeedsDto })
  needs: NeedsDto;

  @ApiProperty({ type: CoveredDto, isArray: true, maxItems: FRAMEWORK_CODES_MAX })
  covered: CoveredDto[];

  @ApiProperty({
    type: GapDto,
    isArray: true,
    maxItems: FRAMEWORK_CODES_MAX,
    description: 'Competencies of the programmes not covered yet',
  })
  gaps: GapDto[];

  @ApiProperty({ type: NextStepDto, isArray: true, maxItems: 50, description: 'In the order to take them' })
  steps: NextStepDto[];

  @ApiProperty({
    type: GapDto,
    isArray: true,
    maxItems: FRAMEWORK_CODES_MAX,
    description: 'Gaps that no published course fitting the learner closes',
  })
  uncovered: GapDto[];
}
