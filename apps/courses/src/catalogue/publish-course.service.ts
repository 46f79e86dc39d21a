import { Injectable } from '@nestjs/common';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { Course, publish } from './domain/course';
import { CourseNotFoundError } from './domain/course.errors';
import { coursePublished } from './course.events';
import { CourseRepository } from './course.repository';

/** publishCourse: the course takes enrolments from now on; its programmes are fixed then. */
@Injectable()
export class PublishCourseService {
  constructor(
    private readonly db: Database,
    private readonly courses: CourseRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly outbox: Outbox,
  ) {}

  publish(courseId: string, now = new Date()): Promise<Course> {
    return this.db.transaction(async (tx) => {
      const course = await this.courses.lock(tx, courseId);
      if (!course) throw new CourseNotFoundError(courseId);
      const outcome = publish(course, await this.programmes.current(tx), now);
      if (outcome.published) {
        await this.courses.savePublication(tx, outcome.course);
        await this.outbox.enqueue(tx, coursePublished(outcome.course));
      }
      return outcome.course;
    });
  }
}
