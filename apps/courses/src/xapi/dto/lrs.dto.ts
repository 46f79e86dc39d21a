import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

export class CreateLrsCredentialDto {
  @ApiProperty({
    example: 'moodle',
    description: 'The MOOC platform the key belongs to (the `sub` of its mooc-platform token)',
  })
  @MaxLength(128)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/, { message: 'mooc must be a platform id' })
  mooc: string;

  @ApiPropertyOptional({ example: 'Moodle Lai Châu, production', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  label?: string;
}

export class LrsCredentialDto {
  @ApiProperty({ example: 'lrs_5f1c9a0b2d3e4f60', maxLength: 20, description: 'The Basic user name' })
  key: string;

  @ApiProperty({
    example: 'q3Jz0v8mYbXy7V9n4c1kT2sW5aE6dR0fH8gL3pU7iOo',
    maxLength: 64,
    description: 'The Basic password: shown once, stored only as a hash',
  })
  secret: string;

  @ApiProperty({ example: 'moodle', maxLength: 128 })
  mooc: string;

  @ApiProperty({ example: 'Moodle Lai Châu, production', maxLength: 200 })
  label: string;

  @ApiProperty({ example: '2025-10-01T08:00:00.000Z', format: 'date-time', maxLength: 24 })
  createdAt: string;
}

export class LrsCredentialKeyParamsDto {
  @ApiProperty({ example: 'lrs_5f1c9a0b2d3e4f60' })
  @Length(20, 20)
  @Matches(/^lrs_[0-9a-f]{16}$/, { message: 'key must be an LRS key' })
  key: string;
}

export class LearnerIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  @IsUUID()
  learnerId: string;
}

export class LrsAccountDto {
  @ApiProperty({
    example: 'https://moodle.laichau.edu.vn',
    description: 'The xAPI account homePage the MOOC uses (an absolute URL)',
  })
  @MaxLength(500)
  @Matches(/^https?:\/\/[^\s<>"{}|\\^`]+$/, { message: 'homePage must be an absolute http(s) URL' })
  homePage: string;

  @ApiProperty({ example: 'user-1024', description: "The learner's account name at that homePage" })
  @IsString()
  @Length(1, 256)
  name: string;
}

export class LrsAccountLinkDto extends LrsAccountDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  learnerId: string;

  @ApiProperty({
    example: 3,
    description: 'Statements stored before the link that it now attributes to the learner',
  })
  linkedStatements: number;
}
