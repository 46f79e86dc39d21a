import { DomainError } from '@bdhvs/domain';
import type { FieldProblem } from '../../programmes/domain/programme';

export class InvalidCourseError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super('invalid-course', 'The course has invalid fields.', { errors: problems });
  }
}

export class CourseCodeTakenError extends DomainError {
  constructor(code: string, courseId: string) {
    super('course-code-taken', `A course with code ${code} exists.`, {
      courseId,
      errors: [{ field: 'code', message: `code ${code} is taken` }],
    });
  }
}

export class ActivityIdTakenError extends DomainError {
  constructor(courseId: string) {
    super('activity-id-taken', 'Another course has this activityId.', {
      courseId,
      errors: [{ field: 'activityId', message: 'activityId belongs to another course' }],
    });
  }
}

/** A course id that names no course; `field` is where the request named it. */
export class CourseNotFoundError extends DomainError {
  constructor(courseId: string, field = 'courseId') {
    super('course-not-found', `No course ${courseId}.`, {
      errors: [{ field, message: `${field} names no course` }],
    });
  }
}

/** Only published courses take enrolments, progress and classes. */
export class CourseNotPublishedError extends DomainError {
  constructor(courseId: string, field = 'courseId') {
    super('course-not-published', `Course ${courseId} is not published: it takes no enrolments yet.`, {
      errors: [{ field, message: `${field} names a course that is not published` }],
    });
  }
}
