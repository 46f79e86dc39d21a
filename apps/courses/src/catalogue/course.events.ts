import { CoursePublishedV1, Topics } from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import type { Course } from './domain/course';

/** course-published: keyed by course id; everything a consumer needs to read the course's later events. */
export function coursePublished(course: Course): OutgoingEvent<CoursePublishedV1> {
  return {
    topic: Topics.coursePublished,
    key: course.id,
    subject: course.id,
    time: course.publishedAt ?? undefined,
    data: {
      courseId: course.id,
      code: course.code,
      title: course.title,
      groups: course.groups,
      programmes: course.programmes,
      mode: course.mode,
      language: course.language,
      accessibility: course.accessibility,
      competencies: course.competencies,
      level: course.level,
      modules: course.modules,
      completion: course.completion,
      activityId: course.activityId,
      publishedAt: (course.publishedAt ?? new Date()).toISOString(),
    },
  };
}
