import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { RegistryModule } from '../registry/registry.module';
import { ClassRepository } from './class.repository';
import { ClassesController } from './classes.controller';
import { CreateClassService } from './create-class.service';
import { ReadClassesService } from './read-classes.service';
import { RecordAttendanceService } from './record-attendance.service';

/** Community classes per commune and course, with a weekly schedule and attendance per session. */
@Module({
  imports: [CatalogueModule, EnrolmentsModule, RegistryModule],
  controllers: [ClassesController],
  providers: [ClassRepository, CreateClassService, RecordAttendanceService, ReadClassesService],
  exports: [ClassRepository],
})
export class ClassesModule {}
