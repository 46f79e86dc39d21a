import { connectInbox } from '@bdhvs/messaging';
import type { ServiceDefinition } from '@bdhvs/service-runtime';
import { coursesModule } from './app.module';
import { database } from './database';
import { CoursesConfig } from './config/courses-config';

/** Everything that makes this service: started by main.ts, and in-process by the integration tests. */
export const coursesService: ServiceDefinition<CoursesConfig> = {
  name: 'courses',
  title: 'Courses (digital-skill framework, courses, enrolments)',
  configType: CoursesConfig,
  database,
  appModule: coursesModule,
  connect: connectInbox,
};
