import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { CompetencyFramework } from '../competencies/competency-framework';
import { Course, NewCourse, checkNewCourse, newCourse } from './domain/course';
import { ActivityIdTakenError, CourseCodeTakenError, InvalidCourseError } from './domain/course.errors';
import { CourseRepository } from './course.repository';

/** createCourse: a draft course; it takes enrolments once published. */
@Injectable()
export class CreateCourseService {
  constructor(
    private readonly db: Database,
    private readonly courses: CourseRepository,
    private readonly framework: CompetencyFramework,
  ) {}

  async create(actor: Actor, input: NewCourse, now = new Date()): Promise<Course> {
    const problems = checkNewCourse(input, (code) => this.framework.has(code));
    if (problems.length > 0) throw new InvalidCourseError(problems);
    const course = newCourse(input, { id: randomUUID(), createdBy: actor.sub, now });
    return this.db.transaction(async (tx) => {
      if (await this.courses.insert(tx, course)) return course;
      const taken = await this.courses.findTaken(tx, course.code, course.activityId);
      if (taken && taken.code !== course.code) throw new ActivityIdTakenError(taken.id);
      throw new CourseCodeTakenError(course.code, taken?.id ?? '');
    });
  }
}
