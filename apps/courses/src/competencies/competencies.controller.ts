import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CompetencyFramework } from './competency-framework';
import { COMPETENCY_COUNT, LEVEL_COUNT } from './domain/competency-framework';
import { BASIC_SKILLS_MAX, BasicSkillDto, CompetencyDto, CompetencyLevelDto } from './dto/competency.dto';

@ApiTags('courses')
@ApiBearerAuth()
@ApiExtraModels(CompetencyDto, CompetencyLevelDto, BasicSkillDto)
@Controller('competency-framework')
export class CompetenciesController {
  constructor(private readonly framework: CompetencyFramework) {}

  @Get()
  @ApiOperation({
    summary:
      'The 24 competencies of the digital competency framework for learners (Thông tư 02/2025/TT-BGDĐT)',
  })
  @ApiOkResponse({
    schema: { type: 'array', maxItems: COMPETENCY_COUNT, items: { $ref: getSchemaPath(CompetencyDto) } },
  })
  listCompetencies(): CompetencyDto[] {
    return this.framework.competencies.map((c) => ({ ...c }));
  }

  @Get('levels')
  @ApiOperation({ summary: 'The 8 levels (4 tiers of 2) of the same framework' })
  @ApiOkResponse({
    schema: { type: 'array', maxItems: LEVEL_COUNT, items: { $ref: getSchemaPath(CompetencyLevelDto) } },
  })
  listCompetencyLevels(): CompetencyLevelDto[] {
    return this.framework.levels.map((l) => ({ ...l }));
  }

  @Get('basic-skills')
  @ApiOperation({
    summary:
      "The province plan's basic digital skills (smartphone, VNeID, online public services, ...), coded BASIC-...",
    description:
      'Courses, modules and programmes name these codes beside the 24 competencies of Thông tư 02/2025. ' +
      "`relatedCompetencies` is the project's reading of which framework competencies each skill draws on.",
  })
  @ApiOkResponse({
    schema: { type: 'array', maxItems: BASIC_SKILLS_MAX, items: { $ref: getSchemaPath(BasicSkillDto) } },
  })
  listBasicSkills(): BasicSkillDto[] {
    return this.framework.basicSkills.map((s) => ({ ...s }));
  }
}
