import { MAX_SUBJECT_LENGTH } from '@bdhvs/auth';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_REPORTED_ERRORS } from '../domain/learner-import';
import {
  AGE_BANDS,
  AgeBand,
  LEARNER_SOURCES,
  LearnerSource,
  STUDENT_LEVELS,
  TARGET_GROUPS,
  TargetGroup,
  VNEID_STATUSES,
} from '../domain/learner';

export class LearnerDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '0b7c1a52-2a8f-4c43-9d6c-5c1d2b0c9f11' })
  id: string;

  @ApiProperty({
    maxLength: 12,
    example: '0120******45',
    nullable: true,
    type: String,
    description: 'Masked (first 4 and last 2 digits) unless revealed; null once erased',
  })
  citizenId: string | null;

  @ApiProperty({ example: false, description: 'True only on an audited reveal by a province-admin' })
  citizenIdRevealed: boolean;

  @ApiProperty({ maxLength: 200, example: 'Lò Thị Mai', nullable: true, type: String })
  fullName: string | null;

  @ApiProperty({ format: 'date', maxLength: 10, example: '1980-01-31', nullable: true, type: String })
  dateOfBirth: string | null;

  @ApiProperty({ example: 1980 })
  birthYear: number;

  @ApiProperty({ enum: ['male', 'female'], example: 'female' })
  sex: string;

  @ApiProperty({ maxLength: 2, example: '03', nullable: true, type: String })
  ethnicity: string | null;

  @ApiProperty({ example: false, nullable: true, type: Boolean })
  disability: boolean | null;

  @ApiProperty({ example: false, description: 'Aged 60 or more today (Vietnam date)' })
  elderly: boolean;

  @ApiProperty({ example: false, nullable: true, type: Boolean })
  poorHousehold: boolean | null;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ maxLength: 7, example: null, nullable: true, type: String })
  villageCode: string | null;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: null, nullable: true, type: String })
  householdId: string | null;

  @ApiProperty({
    enum: TARGET_GROUPS,
    isArray: true,
    maxItems: TARGET_GROUPS.length,
    example: ['PUBLIC_SECTOR', 'CITIZEN'],
  })
  groups: string[];

  @ApiProperty({ enum: STUDENT_LEVELS, nullable: true, example: 'UPPER_SECONDARY' })
  studentLevel: string | null;

  // 200 characters as sent, kept in NFC, which can make one character three.
  @ApiProperty({ maxLength: 600, example: null, nullable: true, type: String })
  employer: string | null;

  @ApiProperty({ maxLength: 600, example: null, nullable: true, type: String })
  school: string | null;

  @ApiProperty({ enum: VNEID_STATUSES, example: 'level2' })
  vneidStatus: string;

  @ApiProperty({ example: true })
  digitalBankAccount: boolean;

  @ApiProperty({
    example: false,
    description: 'At least one valid certificate (learner_certification, by learner key)',
  })
  certified: boolean;

  // The caller's token subject, which OpenID Connect keeps to 255 ASCII characters.
  @ApiProperty({ maxLength: MAX_SUBJECT_LENGTH, example: 'moodle' })
  registeredBy: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-01T08:00:00.000Z' })
  registeredAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-01T08:00:00.000Z' })
  updatedAt: string;

  @ApiProperty({
    format: 'date-time',
    maxLength: 24,
    example: null,
    nullable: true,
    type: String,
    description: 'When the personal data was erased',
  })
  erasedAt: string | null;

  @ApiProperty({
    enum: LEARNER_SOURCES,
    example: 'REGISTRY',
    description:
      'REGISTRY: registered by an officer or an import. VNEID: first known from a VNeID certification of a ' +
      'citizen the registry did not know (identity, date of birth and unit only, no target group) until an ' +
      "officer's registerLearner completes the record (`completedAt`).",
  })
  source: string;

  @ApiProperty({
    format: 'date-time',
    maxLength: 24,
    example: null,
    nullable: true,
    type: String,
    description: "For a VNEID learner: when an officer's registration completed the record; otherwise null",
  })
  completedAt: string | null;
}

export class LearnerPageDto {
  @ApiProperty({ type: LearnerDto, isArray: true, maxItems: 200 })
  items: LearnerDto[];

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 50 })
  pageSize: number;

  @ApiProperty({ example: 1234 })
  total: number;
}

export class LearnerIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class GetLearnerQueryDto {
  @ApiPropertyOptional({
    example: false,
    description: 'province-admin only, with X-Access-Reason: the citizen ID in clear (audited)',
  })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  reveal?: boolean;
}

export class SearchLearnersQueryDto {
  @ApiPropertyOptional({
    example: '03388',
    description: 'Unit code: that unit and every unit below it (default: the caller’s unit)',
  })
  @IsOptional()
  @Matches(/^\d{2,7}$/, { message: 'unit must be an administrative unit code' })
  @MaxLength(7)
  unit?: string;

  @ApiPropertyOptional({ enum: TARGET_GROUPS })
  @IsOptional()
  @IsIn(TARGET_GROUPS)
  group?: TargetGroup;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'certified must be true or false' })
  certified?: boolean;

  @ApiPropertyOptional({ enum: AGE_BANDS, description: 'Age today (Vietnam date)' })
  @IsOptional()
  @IsIn(AGE_BANDS)
  ageBand?: AgeBand;

  @ApiPropertyOptional({
    enum: LEARNER_SOURCES,
    description: 'VNEID: learners first known from a VNeID certification (completed or not)',
  })
  @IsOptional()
  @IsIn(LEARNER_SOURCES)
  source?: LearnerSource;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', example: 1, default: 1 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', example: 50, default: 50, maximum: 200 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}

export class ImportErrorDto {
  @ApiProperty({ example: 3, description: 'Line in the file, the header being line 1' })
  line: number;

  @ApiProperty({ maxLength: 40, example: 'citizenId' })
  field: string;

  @ApiProperty({ maxLength: 200, example: 'citizenId must be exactly 12 digits' })
  message: string;
}

export class ImportResultDto {
  @ApiProperty({ example: 998 })
  accepted: number;

  @ApiProperty({ example: 2 })
  rejected: number;

  @ApiProperty({ type: ImportErrorDto, isArray: true, maxItems: MAX_REPORTED_ERRORS })
  errors: ImportErrorDto[];

  @ApiPropertyOptional({ example: false, description: 'More errors than listed (the first 10,000 are)' })
  errorsTruncated?: boolean;
}

export class ImportIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  importId: string;
}

export class ImportFailureDto {
  @ApiProperty({ maxLength: 100, example: '/problems/bad-import-header' })
  type: string;

  @ApiProperty({ maxLength: 100, example: 'Wrong CSV header' })
  title: string;

  @ApiProperty({ example: 400, description: 'The status a synchronous import would have answered' })
  status: number;

  // A wrong header names its unknown and repeated columns: at most twice a line (8,192 bytes by default).
  @ApiProperty({ maxLength: 20000, example: 'The CSV header is wrong: missing columns: dateOfBirth.' })
  detail: string;
}

export class LearnerImportDto extends ImportResultDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({
    enum: ['running', 'done', 'failed'],
    example: 'done',
    description: 'running: counts so far, errors once done; failed: the import stopped, see `failure`',
  })
  state: 'running' | 'done' | 'failed';

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-01T08:00:00.000Z' })
  startedAt: string;

  @ApiProperty({
    format: 'date-time',
    maxLength: 24,
    example: '2025-10-01T08:01:00.000Z',
    nullable: true,
    type: String,
  })
  finishedAt: string | null;

  @ApiPropertyOptional({
    type: ImportFailureDto,
    description: 'Only when failed: the problem a synchronous import would have answered',
  })
  failure?: ImportFailureDto & Record<string, unknown>;
}

export class RegisterHouseholdDto {
  @ApiProperty({ example: '03388' })
  @Matches(/^\d{5}$/, { message: 'unitCode must be a five-digit commune or ward code' })
  @MaxLength(5)
  unitCode: string;

  @ApiPropertyOptional({ example: '0338801' })
  @IsOptional()
  @Matches(/^\d{7}$/, { message: 'villageCode must be a seven-digit village code' })
  @MaxLength(7)
  villageCode?: string;
}

export class AddHouseholdMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  learnerId: string;

  @ApiPropertyOptional({ example: true, description: 'This member heads the household' })
  @IsOptional()
  @IsBoolean()
  head?: boolean;
}

export class HouseholdMemberDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  learnerId: string;

  @ApiProperty({ maxLength: 200, example: 'Lò Thị Mai', nullable: true, type: String })
  fullName: string | null;

  @ApiProperty({ example: true })
  certified: boolean;
}

export class HouseholdDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ maxLength: 7, example: null, nullable: true, type: String })
  villageCode: string | null;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: null, nullable: true, type: String })
  headLearnerId: string | null;

  @ApiProperty({
    enum: ['digital', 'not-yet'],
    example: 'digital',
    description: '"Gia đình số": at least one member is certified',
  })
  status: string;

  // A household has no cap on its members; a thousand is far beyond any family's size.
  @ApiProperty({ type: HouseholdMemberDto, isArray: true, maxItems: 1000 })
  members: HouseholdMemberDto[];
}
