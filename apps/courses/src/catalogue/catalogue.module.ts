import { Module } from '@nestjs/common';
import { CompetenciesModule } from '../competencies/competencies.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { CourseRepository } from './course.repository';
import { CoursesController } from './courses.controller';
import { CreateCourseService } from './create-course.service';
import { PublishCourseService } from './publish-course.service';
import { ReadCoursesService } from './read-courses.service';

/** Courses and their modules, mapped to the framework, with delivery mode, language and accessibility. */
@Module({
  imports: [CompetenciesModule, ProgrammesModule],
  controllers: [CoursesController],
  providers: [CourseRepository, CreateCourseService, PublishCourseService, ReadCoursesService],
  exports: [CourseRepository],
})
export class CatalogueModule {}
