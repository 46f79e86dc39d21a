import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { statusOf } from '../enrolments/domain/enrolment';
import { CommunityClass } from './domain/community-class';
import {
  AttendanceDto,
  ClassIdParamsDto,
  CommunityClassDto,
  CreateClassDto,
  ListClassesQueryDto,
  RecordAttendanceDto,
} from './dto/class.dto';
import { CreateClassService } from './create-class.service';
import { ReadClassesService } from './read-classes.service';
import { RecordAttendanceService } from './record-attendance.service';

@ApiTags('courses')
@ApiBearerAuth()
@ApiExtraModels(CommunityClassDto)
@Controller('classes')
export class ClassesController {
  constructor(
    private readonly creation: CreateClassService,
    private readonly attendance: RecordAttendanceService,
    private readonly reads: ReadClassesService,
  ) {}

  @Post()
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({
    summary: 'Open a community class of a commune for a published course, with its weekly schedule',
    description: 'An officer opens classes in their own unit only.',
  })
  @ApiCreatedResponse({ type: CommunityClassDto })
  @ApiNotFoundResponse({ description: 'The course the body names is unknown' })
  @ApiConflictResponse({ description: 'The course is not published' })
  @ApiForbiddenResponse({ description: 'A unit outside the caller’s own' })
  async createClass(
    @CurrentActor() actor: Actor,
    @Body() body: CreateClassDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommunityClassDto> {
    const cls = await this.creation.create(actor, {
      ...body,
      teacher: { ...body.teacher, sub: body.teacher.sub ?? null, learnerId: body.teacher.learnerId ?? null },
      schedule: { ...body.schedule, endsOn: body.schedule.endsOn ?? null },
    });
    res.location(`/api/v1/courses/classes/${cls.id}`);
    return toClassDto(cls);
  }

  @Get()
  @Roles('province-admin', 'unit-officer', 'mentor', 'mooc-platform')
  @ApiOperation({ summary: 'Community classes, by commune or course; newest first' })
  @ApiOkResponse({
    schema: { type: 'array', maxItems: 1000, items: { $ref: getSchemaPath(CommunityClassDto) } },
  })
  async listClasses(@Query() query: ListClassesQueryDto): Promise<CommunityClassDto[]> {
    return (await this.reads.list(query)).map(toClassDto);
  }

  @Get(':classId')
  @Roles('province-admin', 'unit-officer', 'mentor', 'mooc-platform')
  @ApiOperation({ summary: 'A community class with its schedule and module plan' })
  @ApiOkResponse({ type: CommunityClassDto })
  async getClass(@Param() params: ClassIdParamsDto): Promise<CommunityClassDto> {
    return toClassDto(await this.reads.get(params.classId));
  }

  @Post(':classId/attendance')
  @HttpCode(200)
  @Roles('province-admin', 'unit-officer', 'mentor')
  @ApiOperation({
    summary: 'Record who attended one session of a class; attending the sessions of a module completes it',
    description:
      'By the mentor or teacher of the class (their `sub`), an officer of its unit, or a province admin. ' +
      'The date must be a session of the schedule that has started (Vietnam time). Every learner must be ' +
      'known; otherwise nothing is recorded. Recording the same learners again changes nothing.',
  })
  @ApiOkResponse({ type: AttendanceDto })
  async recordAttendance(
    @CurrentActor() actor: Actor,
    @Param() params: ClassIdParamsDto,
    @Body() body: RecordAttendanceDto,
  ): Promise<AttendanceDto> {
    const result = await this.attendance.record(actor, params.classId, body);
    return {
      classId: result.cls.id,
      sessionDate: result.sessionDate,
      sessionNumber: result.sessionNumber,
      recorded: result.recorded.length,
      attendees: result.attendees,
      learners: result.enrolments.map((e) => ({
        learnerId: e.learnerId,
        enrolmentId: e.id,
        completedModules: e.completedModules,
        status: statusOf(e),
        completedAt: e.completedAt?.toISOString() ?? null,
      })),
    };
  }
}

function toClassDto(c: CommunityClass): CommunityClassDto {
  return {
    id: c.id,
    courseId: c.courseId,
    unitCode: c.unitCode,
    audience: c.audience,
    title: c.title,
    teacher: c.teacher,
    schedule: c.schedule,
    modulePlan: c.modulePlan,
    createdAt: c.createdAt.toISOString(),
  };
}
