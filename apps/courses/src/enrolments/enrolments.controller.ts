import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { Course } from '../catalogue/domain/course';
import { MAX_LISTED_COURSES } from '../catalogue/dto/course.dto';
import { Enrolment, statusOf } from './domain/enrolment';
import {
  EnrollLearnerDto,
  EnrolmentDto,
  EnrolmentIdParamsDto,
  ListEnrolmentsQueryDto,
  ListPendingQueryDto,
  PendingIntakeDto,
  RecordProgressDto,
} from './dto/enrolment.dto';
import { EnrolLearnerService } from './enrol-learner.service';
import { PendingIntake } from './enrolment.repository';
import { ReadEnrolmentsService } from './read-enrolments.service';
import { IntakeResult, RecordProgressService } from './record-progress.service';

@ApiTags('courses')
@ApiBearerAuth()
@ApiExtraModels(EnrolmentDto, PendingIntakeDto)
@Controller()
export class EnrolmentsController {
  constructor(
    private readonly enrolment: EnrolLearnerService,
    private readonly progress: RecordProgressService,
    private readonly reads: ReadEnrolmentsService,
  ) {}

  @Post('enrolments')
  @Roles('province-admin', 'unit-officer', 'mooc-platform')
  @ApiOperation({
    summary: 'Enrol a learner in a published course; the same pair again answers 200 with the same enrolment',
    description:
      'A learner the registry has not told the courses service of yet: 202 with the enrolment kept until it does ' +
      '(MOOC platform, province admin); 404 for an officer, who enrols known learners of their unit only.',
  })
  @ApiCreatedResponse({ type: EnrolmentDto })
  @ApiOkResponse({ type: EnrolmentDto, description: 'Enrolled before: the same enrolment' })
  @ApiAcceptedResponse({ type: PendingIntakeDto, description: 'Kept until the learner is known' })
  async enrollLearner(
    @CurrentActor() actor: Actor,
    @Body() body: EnrollLearnerDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrolmentDto | PendingIntakeDto> {
    const result = await this.enrolment.enrol(actor, body);
    if (result.kind === 'pending') {
      res.status(202);
      return toPendingDto(result.pending);
    }
    res.status(result.created ? 201 : 200).location(`/api/v1/courses/enrolments/${result.enrolment.id}`);
    return toEnrolmentDto(result.enrolment, result.course);
  }

  @Post('progress')
  @Roles('mooc-platform', 'province-admin')
  @ApiOperation({
    summary: "Report a learner's progress in a course: the enrolment's state after it",
    description:
      'Progress never goes backwards: a lower figure arriving late changes nothing and is not an error. ' +
      'Modules and the best score add up; the course is completed once, when its rule is first met ' +
      '(`courses.course-completed.v1` is published once per learner and course). A learner not enrolled yet ' +
      'is enrolled. A learner the registry has not told the courses service of yet: 202, kept and applied ' +
      'when the registry does (listPendingProgress lists what waits).',
  })
  @ApiOkResponse({ type: EnrolmentDto })
  @ApiAcceptedResponse({ type: PendingIntakeDto, description: 'Kept until the learner is known' })
  @ApiNotFoundResponse({ description: 'The course the body names is unknown' })
  @ApiConflictResponse({ description: 'The course is not published' })
  @ApiUnprocessableEntityResponse({ description: 'A module the course does not have' })
  async recordProgress(
    @CurrentActor() actor: Actor,
    @Body() body: RecordProgressDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrolmentDto | PendingIntakeDto> {
    return answer(await this.progress.record(actor.sub, body), res);
  }

  @Get('progress/pending')
  @Roles('mooc-platform', 'province-admin')
  @ApiOperation({
    summary: 'Enrolments and progress reports waiting for their learner, oldest first',
    description: 'A MOOC platform sees what it reported; a province admin sees everything.',
  })
  @ApiOkResponse({
    schema: { type: 'array', maxItems: 1000, items: { $ref: getSchemaPath(PendingIntakeDto) } },
  })
  async listPendingProgress(
    @CurrentActor() actor: Actor,
    @Query() query: ListPendingQueryDto,
  ): Promise<PendingIntakeDto[]> {
    return (await this.reads.waiting(actor, query)).map(toPendingDto);
  }

  @Get('enrolments')
  @Roles('province-admin', 'unit-officer', 'mooc-platform')
  @ApiOperation({ summary: "A learner's enrolments, oldest first" })
  @ApiOkResponse({
    schema: { type: 'array', maxItems: MAX_LISTED_COURSES, items: { $ref: getSchemaPath(EnrolmentDto) } },
  })
  async listEnrolments(
    @CurrentActor() actor: Actor,
    @Query() query: ListEnrolmentsQueryDto,
  ): Promise<EnrolmentDto[]> {
    return (await this.reads.ofLearner(actor, query.learnerId)).map((r) =>
      toEnrolmentDto(r.enrolment, r.course),
    );
  }

  @Get('enrolments/:enrolmentId')
  @Roles('province-admin', 'unit-officer', 'mooc-platform')
  @ApiOperation({ summary: 'An enrolment: progress, completed modules, best score, completion' })
  @ApiOkResponse({ type: EnrolmentDto })
  async getEnrolment(
    @CurrentActor() actor: Actor,
    @Param() params: EnrolmentIdParamsDto,
  ): Promise<EnrolmentDto> {
    const { enrolment, course } = await this.reads.get(actor, params.enrolmentId);
    return toEnrolmentDto(enrolment, course);
  }
}

function answer(result: IntakeResult, res: Response): EnrolmentDto | PendingIntakeDto {
  if (result.kind === 'pending') {
    res.status(202);
    return toPendingDto(result.pending);
  }
  res.status(200);
  return toEnrolmentDto(result.enrolment, result.course);
}

export function toEnrolmentDto(e: Enrolment, course: Pick<Course, 'code'>): EnrolmentDto {
  return {
    id: e.id,
    learnerId: e.learnerId,
    courseId: e.courseId,
    courseCode: course.code,
    status: statusOf(e),
    enrolledVia: e.enrolledVia,
    enrolledAt: e.enrolledAt.toISOString(),
    progressPercent: e.progressPercent,
    completedModules: e.completedModules,
    score: e.bestScore,
    completedAt: e.completedAt?.toISOString() ?? null,
    completedVia: e.completedVia,
    updatedAt: e.updatedAt.toISOString(),
  };
}

function toPendingDto(p: PendingIntake): PendingIntakeDto {
  return {
    status: 'PENDING',
    pendingId: p.id,
    kind: p.enrolOnly ? 'ENROLMENT' : 'PROGRESS',
    learnerId: p.learnerId,
    courseId: p.courseId,
    progressPercent: p.progressPercent,
    moduleCodes: p.moduleCodes,
    score: p.score,
    completedAt: p.atGiven ? p.at.toISOString() : null,
    receivedAt: p.receivedAt.toISOString(),
    reason: 'The registry has not told the courses service of this learner yet: applied when it does.',
  };
}
