import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { HELP_TOPICS, HelpTopic, TEAM_KINDS, TeamKind } from '../domain/team';

// Room for any ISO 8601 date-time a caller sends: one with nanoseconds and an offset is 35 characters.
const ISO_DATE_TIME_MAX = 40;

export class CreateTeamDto {
  @ApiProperty({ example: 'Tổ công nghệ số cộng đồng bản Nậm Loỏng' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: TEAM_KINDS, example: 'COMMUNITY_TECH_TEAM' })
  @IsIn(TEAM_KINDS, { message: `kind must be one of: ${TEAM_KINDS.join(', ')}` })
  kind: TeamKind;

  @ApiProperty({ example: '03388', description: 'The commune or ward the team works in' })
  @Matches(/^\d{2,5}$/, { message: 'unitCode must be a unit code of 2 to 5 digits' })
  @MaxLength(5)
  unitCode: string;
}

export class TeamIdParamsDto {
  @ApiProperty({ format: 'uuid', example: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b' })
  @IsUUID()
  teamId: string;
}

export class AddTeamMemberDto {
  @ApiProperty({ format: 'uuid', example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  @IsUUID()
  learnerId: string;
}

export class RecordVisitDto {
  @ApiProperty({
    format: 'uuid',
    example: '8f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2910',
    description: 'A household of the team’s commune',
  })
  @IsUUID()
  householdId: string;

  @ApiProperty({
    example: '2025-10-04T09:00:00+07:00',
    description: 'When the visit took place (not in the future)',
  })
  @IsISO8601({ strict: true }, { message: 'visitedAt must be an ISO 8601 date-time' })
  @MaxLength(ISO_DATE_TIME_MAX)
  visitedAt: string;

  @ApiProperty({ enum: HELP_TOPICS, isArray: true, example: ['VNEID', 'DIGITAL_BANKING'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(HELP_TOPICS.length)
  @ArrayUnique()
  @IsIn(HELP_TOPICS, { each: true, message: `helpedWith must hold: ${HELP_TOPICS.join(', ')}` })
  helpedWith: HelpTopic[];

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    isArray: true,
    example: ['5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c'],
    description: 'The people helped',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  learnerIds?: string[];
}

export class TeamDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b' })
  id: string;

  @ApiProperty({ maxLength: 200, example: 'Tổ công nghệ số cộng đồng bản Nậm Loỏng' })
  name: string;

  @ApiProperty({ enum: TEAM_KINDS, example: 'COMMUNITY_TECH_TEAM' })
  kind: TeamKind;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-01T02:00:00.000Z' })
  createdAt: string;
}

export class TeamWithMembersDto extends TeamDto {
  // A team has no cap on members; the read stops at 1,000, more than a commune's team ever counts.
  @ApiProperty({
    type: String,
    format: 'uuid',
    maxLength: 36,
    isArray: true,
    maxItems: 1000,
    example: ['5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c'],
  })
  memberIds: string[];

  @ApiProperty({ example: 12, description: 'Door-to-door visits recorded' })
  visits: number;
}

export class TeamMemberDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b' })
  teamId: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c' })
  learnerId: string;
}

export class VisitDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })
  id: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b' })
  teamId: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, example: '8f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2910' })
  householdId: string;

  @ApiProperty({ maxLength: 5, example: '03388' })
  unitCode: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2025-10-04T02:00:00.000Z' })
  visitedAt: string;

  @ApiProperty({ enum: HELP_TOPICS, isArray: true, maxItems: HELP_TOPICS.length, example: ['VNEID'] })
  helpedWith: HelpTopic[];

  @ApiProperty({ type: String, format: 'uuid', maxLength: 36, isArray: true, maxItems: 50, example: [] })
  learnerIds: string[];
}
