import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { Course } from './domain/course';
import {
  CourseDto,
  CourseIdParamsDto,
  CreateCourseDto,
  ListCoursesQueryDto,
  MAX_LISTED_COURSES,
} from './dto/course.dto';
import { CreateCourseService } from './create-course.service';
import { PublishCourseService } from './publish-course.service';
import { ReadCoursesService } from './read-courses.service';

@ApiTags('courses')
@ApiBearerAuth()
@ApiExtraModels(CourseDto)
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly creation: CreateCourseService,
    private readonly publication: PublishCourseService,
    private readonly reads: ReadCoursesService,
  ) {}

  @Post()
  @Roles('province-admin')
  @ApiOperation({ summary: 'Create a course (a draft) with its modules, mapped to the framework' })
  @ApiCreatedResponse({ type: CourseDto })
  async createCourse(
    @CurrentActor() actor: Actor,
    @Body() body: CreateCourseDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CourseDto> {
    const course = await this.creation.create(actor, {
      ...body,
      modules: body.modules.map((m) => ({ ...m, competencies: m.competencies ?? [] })),
      completion: { rule: body.completion.rule, passingScore: body.completion.passingScore ?? null },
    });
    res.location(`/api/v1/courses/courses/${course.id}`);
    return toCourseDto(course);
  }

  @Get()
  @ApiOperation({ summary: 'Courses, filtered by group, mode, language, status or competency; by code' })
  @ApiOkResponse({
    schema: { type: 'array', maxItems: MAX_LISTED_COURSES, items: { $ref: getSchemaPath(CourseDto) } },
  })
  async listCourses(@Query() query: ListCoursesQueryDto): Promise<CourseDto[]> {
    return (await this.reads.list(query)).map(toCourseDto);
  }

  @Get(':courseId')
  @ApiOperation({ summary: 'A course with its modules, completion rule and programmes' })
  @ApiOkResponse({ type: CourseDto })
  async getCourse(@Param() params: CourseIdParamsDto): Promise<CourseDto> {
    return toCourseDto(await this.reads.get(params.courseId));
  }

  @Post(':courseId/publication')
  @HttpCode(200)
  @Roles('province-admin')
  @ApiOperation({
    summary: 'Publish a course: it takes enrolments from now on (publishing again changes nothing)',
  })
  @ApiOkResponse({ type: CourseDto })
  async publishCourse(@Param() params: CourseIdParamsDto): Promise<CourseDto> {
    return toCourseDto(await this.publication.publish(params.courseId));
  }
}

export function toCourseDto(c: Course): CourseDto {
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    groups: c.groups,
    mode: c.mode,
    language: c.language,
    accessibility: c.accessibility,
    competencies: c.competencies,
    level: c.level,
    modules: c.modules,
    completion: c.completion,
    activityId: c.activityId,
    status: c.status,
    programmes: c.programmes,
    createdAt: c.createdAt.toISOString(),
    publishedAt: c.publishedAt?.toISOString() ?? null,
  };
}
