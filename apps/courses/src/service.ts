import { connectInbox } from '@bdhvs/messaging';
import type { ServiceDefinition } from '@bdhvs/service-runtime';
import { coursesModule } from './app.module';
import { COURSE_PROBLEMS } from './catalogue/course.problems';
import { CLASS_PROBLEMS } from './classes/class.problems';
import { database } from './database';
import { CoursesConfig } from './config/courses-config';
import { ENROLMENT_PROBLEMS } from './enrolments/enrolment.problems';
import { PROGRAMME_PROBLEMS } from './programmes/programme.problems';
import { XAPI_PROBLEMS } from './xapi/xapi.problems';

/** Everything that makes this service: started by main.ts, and in-process by the integration tests. */
export const coursesService: ServiceDefinition<CoursesConfig> = {
  name: 'courses',
  title: 'Courses (digital-skill framework, courses, enrolments)',
  configType: CoursesConfig,
  database,
  appModule: coursesModule,
  problems: {
    ...PROGRAMME_PROBLEMS,
    ...COURSE_PROBLEMS,
    ...ENROLMENT_PROBLEMS,
    ...CLASS_PROBLEMS,
    ...XAPI_PROBLEMS,
  },
  connect: connectInbox,
};
