import { Injectable } from '@nestjs/common';
import { Course } from './domain/course';
import { CourseNotFoundError } from './domain/course.errors';
import { CourseFilter, CourseRepository } from './course.repository';

/** getCourse and listCourses: open to every caller with a token. */
@Injectable()
export class ReadCoursesService {
  constructor(private readonly courses: CourseRepository) {}

  async get(courseId: string): Promise<Course> {
    const course = await this.courses.findById(courseId);
    if (!course) throw new CourseNotFoundError(courseId);
    return course;
  }

  list(filter: CourseFilter): Promise<Course[]> {
    return this.courses.list(filter);
  }
}
