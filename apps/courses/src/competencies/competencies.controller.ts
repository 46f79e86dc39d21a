import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompetencyFramework } from './competency-framework';
import { BasicSkillDto, CompetencyDto, CompetencyLevelDto } from './dto/competency.dto';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('competency-framework')
export class CompetenciesController {
  constructor(private readonly framework: CompetencyFramework) {}

  @Get()
  @ApiOperation({
    summary:
      'The 24 competencies of the digital competency framework for learners (Thông tư 02/2025/TT-BGDĐT)',
  })
  @ApiOkResponse({ type: CompetencyDto, isArray: true })
  listCompetencies(): CompetencyDto[] {
    return this.framework.competencies.map((c) => ({ ...c }));
  }

  @Get('levels')
  @ApiOperation({ summary: 'The 8 levels (4 tiers of 2) of the same framework' })
  @ApiOkResponse({ type: CompetencyLevelDto, isArray: true })
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
  @ApiOkResponse({ type: BasicSkillDto, isArray: true })
  listBasicSkills(): BasicSkillDto[] {
    return this.framework.basicSkills.map((s) => ({ ...s }));
  }
}
