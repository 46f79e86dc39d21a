import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  STUDENT_LEVELS,
  StudentLevel,
  TARGET_GROUPS,
  TargetGroup,
  VNEID_STATUSES,
  VneidStatus,
} from '../domain/learner';
import type { Sex } from '../domain/citizen-id';

export class RegisterLearnerDto {
  @ApiProperty({
    example: '012080012345',
    description: '12-digit citizen ID (CCCD); stored sealed, answered masked',
  })
  @Matches(/^\d{12}$/, { message: 'citizenId must be exactly 12 digits' })
  @MaxLength(12)
  citizenId: string;

  @ApiProperty({ example: 'Lò Thị Mai', description: 'Any Unicode normalisation; stored in NFC' })
  @IsString()
  @Length(1, 200)
  fullName: string;

  @ApiProperty({ example: '1980-01-31', description: 'YYYY-MM-DD, not in the future' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be YYYY-MM-DD' })
  @MaxLength(10)
  dateOfBirth: string;

  @ApiProperty({ enum: ['male', 'female'], example: 'female' })
  @IsIn(['male', 'female'], { message: 'sex must be male or female' })
  sex: Sex;

  @ApiPropertyOptional({
    example: '03',
    description: 'Two-digit code of the 54 official ethnic groups (01 Kinh, 03 Thái, ...)',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'ethnicity must be a two-digit code' })
  @MaxLength(2)
  ethnicity?: string;

  @ApiProperty({ example: '03388', description: 'Commune or ward code of the 2025 map' })
  @Matches(/^\d{5}$/, { message: 'unitCode must be a five-digit commune or ward code' })
  @MaxLength(5)
  unitCode: string;

  @ApiPropertyOptional({ example: '0338801', description: 'Village (thôn, bản, tổ dân phố) of unitCode' })
  @IsOptional()
  @Matches(/^\d{7}$/, { message: 'villageCode must be a seven-digit village code' })
  @MaxLength(7)
  villageCode?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '5b1f6b9e-3c1d-4a8e-9f0a-1d2c3b4a5f60' })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @ApiProperty({
    enum: TARGET_GROUPS,
    isArray: true,
    example: ['PUBLIC_SECTOR', 'CITIZEN'],
    description: 'One or more target groups',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(TARGET_GROUPS, { each: true, message: `groups must be among: ${TARGET_GROUPS.join(', ')}` })
  groups: TargetGroup[];

  @ApiPropertyOptional({
    enum: STUDENT_LEVELS,
    example: 'UPPER_SECONDARY',
    description: 'Required with STUDENT, only with it',
  })
  @IsOptional()
  @IsIn(STUDENT_LEVELS)
  studentLevel?: StudentLevel;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  disability?: boolean;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  poorHousehold?: boolean;

  @ApiPropertyOptional({
    example: 'UBND xã Bình Lư',
    description: 'Employer (public sector, enterprise or cooperative)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  employer?: string;

  @ApiPropertyOptional({ example: 'Trường THPT Bình Lư' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  school?: string;

  @ApiPropertyOptional({ enum: VNEID_STATUSES, example: 'level2', default: 'none' })
  @IsOptional()
  @IsIn(VNEID_STATUSES)
  vneidStatus?: VneidStatus;

  @ApiPropertyOptional({ example: true, default: false })
  @IsOptional()
  @IsBoolean()
  digitalBankAccount?: boolean;
}

export class CorrectLearnerDto {
  @ApiProperty({ example: 'Moved to Bình Lư in October 2025', description: 'Why: kept in the history' })
  @IsString()
  @Length(3, 500)
  reason: string;

  @ApiPropertyOptional({ example: 'Lò Thị Mai' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  fullName?: string;

  @ApiPropertyOptional({ example: '1980-01-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be YYYY-MM-DD' })
  @MaxLength(10)
  dateOfBirth?: string;

  @ApiPropertyOptional({ enum: ['male', 'female'] })
  @IsOptional()
  @IsIn(['male', 'female'], { message: 'sex must be male or female' })
  sex?: Sex;

  @ApiPropertyOptional({ example: '03', nullable: true, type: String })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'ethnicity must be a two-digit code' })
  @MaxLength(2)
  ethnicity?: string | null;

  @ApiPropertyOptional({ example: '03390' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'unitCode must be a five-digit commune or ward code' })
  @MaxLength(5)
  unitCode?: string;

  @ApiPropertyOptional({ example: null, nullable: true, type: String })
  @IsOptional()
  @Matches(/^\d{7}$/, { message: 'villageCode must be a seven-digit village code' })
  @MaxLength(7)
  villageCode?: string | null;

  @ApiPropertyOptional({ enum: TARGET_GROUPS, isArray: true, example: ['CITIZEN'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(TARGET_GROUPS, { each: true, message: `groups must be among: ${TARGET_GROUPS.join(', ')}` })
  groups?: TargetGroup[];

  @ApiPropertyOptional({ enum: STUDENT_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(STUDENT_LEVELS)
  studentLevel?: StudentLevel | null;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  disability?: boolean;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  poorHousehold?: boolean;

  @ApiPropertyOptional({ example: 'Công ty CP Chè Tam Đường', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  employer?: string | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  school?: string | null;

  @ApiPropertyOptional({ enum: VNEID_STATUSES, example: 'level2' })
  @IsOptional()
  @IsIn(VNEID_STATUSES)
  vneidStatus?: VneidStatus;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  digitalBankAccount?: boolean;
}
