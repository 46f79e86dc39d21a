import { MAX_SUBJECT_LENGTH } from '@bdhvs/auth';
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
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_PROGRAMME_COMPETENCIES, STUDENT_LEVELS, TARGET_GROUPS } from '../domain/programme';

/** One current programme per target group, and for students per school level at most. */
export const MAX_PROGRAMMES = TARGET_GROUPS.length - 1 + STUDENT_LEVELS.length;

export class ProgrammeCodeParamsDto {
  @ApiProperty({ example: 'CITIZEN_BASIC' })
  @MaxLength(64)
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'code must be an upper-case programme code' })
  code: string;
}

export class GetProgrammeQueryDto {
  @ApiPropertyOptional({ example: 1, description: 'A past version; the current one by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

export class ListProgrammesQueryDto {
  @ApiPropertyOptional({ enum: TARGET_GROUPS, example: 'CITIZEN' })
  @IsOptional()
  @IsIn(TARGET_GROUPS, { message: `group must be one of: ${TARGET_GROUPS.join(', ')}` })
  group?: string;
}

export class UpdateProgrammeDto {
  @ApiProperty({
    example: 1,
    description: 'The version this edit starts from; another current version is a 409',
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  baseVersion: number;

  @ApiPropertyOptional({ example: 'Kỹ năng số cơ bản cho người dân' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ example: 'Sử dụng điện thoại thông minh, VNeID, dịch vụ công trực tuyến, ...' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    isArray: true,
    example: [1, 2],
    description: 'Levels (bậc 1-8) of Thông tư 02/2025 it aims at',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(8, { each: true })
  levels?: number[];

  @ApiProperty({
    example: ['BASIC-SMARTPHONE', 'BASIC-VNEID', 'BASIC-PUBLIC-SERVICES', '4.2'],
    description: 'Codes of the framework: competencies 1.1-6.3 of Thông tư 02/2025 and the BASIC-... skills',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PROGRAMME_COMPETENCIES)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  competencies: string[];

  @ApiPropertyOptional({
    example: 'Công văn 3139/BTTTT-KTS&XHS, mục 2',
    description: 'Where the new content comes from',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  source?: string;
}

export class ProgrammeCompetencyDto {
  @ApiProperty({ example: 'BASIC-VNEID', maxLength: 64 })
  code: string;

  @ApiProperty({ example: 'Cài đặt và sử dụng ứng dụng VNeID, danh tính số', maxLength: 200 })
  name: string;
}

export class ProgrammeDto {
  @ApiProperty({ example: 'CITIZEN_BASIC', maxLength: 64 })
  code: string;

  @ApiProperty({ enum: TARGET_GROUPS, example: 'CITIZEN' })
  group: string;

  @ApiProperty({ enum: STUDENT_LEVELS, isArray: true, example: [], maxItems: STUDENT_LEVELS.length })
  studentLevels: string[];

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ example: 'Kỹ năng số cơ bản cho người dân', maxLength: 200 })
  title: string;

  @ApiProperty({
    example: 'Sử dụng thiết bị thông minh, VNeID, dịch vụ công trực tuyến, ...',
    maxLength: 2000,
  })
  description: string;

  @ApiProperty({
    example: [],
    type: 'integer',
    format: 'int32',
    isArray: true,
    minimum: 1,
    maximum: 8,
    maxItems: 8,
  })
  levels: number[];

  @ApiProperty({ type: ProgrammeCompetencyDto, isArray: true, maxItems: MAX_PROGRAMME_COMPETENCIES })
  competencies: ProgrammeCompetencyDto[];

  @ApiProperty({ example: true, description: 'Version 1 as seeded from the plan, not edited' })
  seed: boolean;

  @ApiProperty({
    example:
      'Kế hoạch triển khai Phong trào “Bình dân học vụ số” trên địa bàn tỉnh Lai Châu: III.1.c, IV.5.4.a-d',
    nullable: true,
    type: String,
    maxLength: 500,
  })
  source: string | null;

  @ApiProperty({ example: null, nullable: true, type: String, maxLength: MAX_SUBJECT_LENGTH })
  editedBy: string | null;

  @ApiProperty({ example: '2025-10-01T00:00:00.000Z', format: 'date-time', maxLength: 24 })
  editedAt: string;
}
