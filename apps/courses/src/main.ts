import { startService } from '@bdhvs/service-runtime';
import { coursesModule } from './app.module';
import { CoursesConfig } from './config/courses-config';

void startService({
  name: 'courses',
  title: 'Courses (digital-skill framework, courses, enrolments)',
  configType: CoursesConfig,
  appModule: coursesModule,
});
