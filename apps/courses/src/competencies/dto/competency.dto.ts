import { ApiProperty } from '@nestjs/swagger';

export class CompetencyDto {
  @ApiProperty({ example: 1, description: 'Competency domain (miền năng lực), 1 to 6' })
  domainNo: number;

  @ApiProperty({ example: 'Khai thác dữ liệu và thông tin' })
  domainName: string;

  @ApiProperty({ example: '1.1' })
  competencyNo: string;

  @ApiProperty({ example: 'Duyệt, tìm kiếm và lọc dữ liệu, thông tin và nội dung số' })
  name: string;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Another wording found in the transcriptions read; the official appendix was not read',
  })
  nameVariant: string | null;

  @ApiProperty({ example: 'agrees across all transcriptions read, apart from obvious typos or shortenings' })
  nameCheck: string;
}

export class CompetencyLevelDto {
  @ApiProperty({ example: 1, description: 'Level (bậc), 1 to 8' })
  levelNo: number;

  @ApiProperty({ example: 'Cơ bản', description: 'Tier (trình độ): Cơ bản, Trung cấp, Nâng cao, Chuyên sâu' })
  tier: string;

  @ApiProperty({ example: 'Bậc 1' })
  name: string;

  @ApiProperty({
    example: 'CB1',
    nullable: true,
    type: String,
    description: 'Code of Công văn 3456/BGDĐT-GDPT (levels 1-5 only)',
  })
  codeCv3456: string | null;

  @ApiProperty({ example: 'Tiểu học, lớp 1–3', nullable: true, type: String })
  typicalLearners: string | null;

  @ApiProperty({ example: 'Công văn 3456/BGDĐT-GDPT (27/06/2025), via third-party transcriptions' })
  typicalLearnersSource: string;
}

export class BasicSkillDto {
  @ApiProperty({ example: 'BASIC-VNEID' })
  code: string;

  @ApiProperty({ example: 'Cài đặt và sử dụng ứng dụng VNeID, danh tính số' })
  name: string;

  @ApiProperty({ example: ['III.1.d', 'IV.4.2', 'IV.6.4'], description: 'Sections of the plan naming it' })
  planSections: string[];

  @ApiProperty({ example: ['2.6'], description: 'Framework competencies it draws on (the project reading)' })
  relatedCompetencies: string[];
}
