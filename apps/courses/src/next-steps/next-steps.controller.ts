import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { LearnerIdParamsDto, NextStepsDto, NextStepsQueryDto } from './dto/next-steps.dto';
import { GetNextStepsService } from './get-next-steps.service';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('learners')
export class NextStepsController {
  constructor(private readonly steps: GetNextStepsService) {}

  @Get(':learnerId/next-steps')
  @Roles('province-admin', 'unit-officer', 'mentor', 'mooc-platform')
  @ApiOperation({
    summary: "A learner's next modules and courses, each with its reasons (IV.4.4)",
    description:
      "Deterministic: the gaps between the programmes of the learner's groups and what they completed, closed " +
      'by published courses for their groups, in an acceptable language, with the accessibility asked for; ' +
      'a course the learner is enrolled in first, then the preferred language, the most gaps closed, suitable ' +
      "accessibility, a community class in the learner's commune, the programme's level, the course code.",
  })
  @ApiOkResponse({ type: NextStepsDto })
  async getNextSteps(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerIdParamsDto,
    @Query() query: NextStepsQueryDto,
  ): Promise<NextStepsDto> {
    const result = await this.steps.get(actor, params.learnerId, {
      languages: query.language,
      accessibility: query.accessibility,
      limit: query.limit,
    });
    return {
      learnerId: params.learnerId,
      programmes: result.programmes.map((p) => ({
        code: p.code,
        version: p.version,
        group: p.group,
        studentLevels: p.studentLevels,
        title: p.title,
      })),
      needs: result.needs,
      covered: result.covered,
      gaps: result.gaps,
      steps: result.steps,
      uncovered: result.uncovered,
    };
  }
}
