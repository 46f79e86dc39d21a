import { ApiProperty } from '@nestjs/swagger';

/**
 * Bounds of the framework as shipped in `competencies/data` (read at start-up, never edited through the
 * API); competency-framework.spec.ts checks that the files keep them.
 */
export const FRAMEWORK_TEXT_MAX = 200;
export const FRAMEWORK_CODE_MAX = 64;
export const BASIC_SKILLS_MAX = 64;
export const SKILL_REFERENCES_MAX = 32;

export class CompetencyDto {
  @ApiProperty({ example: 1, description: 'Competency domain (miền năng lực), 1 to 6' })
  domainNo: number;

  @ApiProperty({ example: 'Khai thác dữ liệu và thông tin', maxLength: FRAMEWORK_TEXT_MAX })
  domainName: string;

  @ApiProperty({ example: '1.1', maxLength: FRAMEWORK_CODE_MAX })
  competencyNo: string;

  @ApiProperty({
    example: 'Duyệt, tìm kiếm và lọc dữ liệu, thông tin và nội dung số',
    maxLength: FRAMEWORK_TEXT_MAX,
  })
  name: string;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    maxLength: FRAMEWORK_TEXT_MAX,
    description: 'Another wording found in the transcriptions read; the official appendix was not read',
  })
  nameVariant: string | null;

  @ApiProperty({
    example: 'agrees across all transcriptions read, apart from obvious typos or shortenings',
    maxLength: FRAMEWORK_TEXT_MAX,
  })
  nameCheck: string;
}

export class CompetencyLevelDto {
  @ApiProperty({ example: 1, description: 'Level (bậc), 1 to 8' })
  levelNo: number;

  @ApiProperty({
    example: 'Cơ bản',
    maxLength: FRAMEWORK_TEXT_MAX,
    description: 'Tier (trình độ): Cơ bản, Trung cấp, Nâng cao, Chuyên sâu',
  })
  tier: string;

  @ApiProperty({ example: 'Bậc 1', maxLength: FRAMEWORK_TEXT_MAX })
  name: string;

  @ApiProperty({
    example: 'CB1',
    nullable: true,
    type: String,
    maxLength: FRAMEWORK_CODE_MAX,
    description: 'Code of Công văn 3456/BGDĐT-GDPT (levels 1-5 only)',
  })
  codeCv3456: string | null;

  @ApiProperty({ example: 'Tiểu học, lớp 1–3', nullable: true, type: String, maxLength: FRAMEWORK_TEXT_MAX })
  typicalLearners: string | null;

  @ApiProperty({
    example: 'Công văn 3456/BGDĐT-GDPT (27/06/2025), via third-party transcriptions',
    maxLength: FRAMEWORK_TEXT_MAX,
  })
  typicalLearnersSource: string;
}

export class BasicSkillDto {
  @ApiProperty({ example: 'BASIC-VNEID', maxLength: FRAMEWORK_CODE_MAX })
  code: string;

  @ApiProperty({ example: 'Cài đặt và sử dụng ứng dụng VNeID, danh tính số', maxLength: FRAMEWORK_TEXT_MAX })
  name: string;

  @ApiProperty({
    example: ['III.1.d', 'IV.4.2', 'IV.6.4'],
    maxItems: SKILL_REFERENCES_MAX,
    maxLength: FRAMEWORK_CODE_MAX,
    description: 'Sections of the plan naming it',
  })
  planSections: string[];

  @ApiProperty({
    example: ['2.6'],
    maxItems: SKILL_REFERENCES_MAX,
    maxLength: FRAMEWORK_CODE_MAX,
    description: 'Framework competencies it draws on (the project reading)',
  })
  relatedCompetencies: string[];
}
