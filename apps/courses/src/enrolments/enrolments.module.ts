import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { RegistryModule } from '../registry/registry.module';
import { EnrolLearnerService } from './enrol-learner.service';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentsController } from './enrolments.controller';
import { ReadEnrolmentsService } from './read-enrolments.service';
import { RecordProgressService } from './record-progress.service';

/** Enrolments, MOOC progress and completion; reports for learners not known yet wait for them. */
@Module({
  imports: [CatalogueModule, RegistryModule],
  controllers: [EnrolmentsController],
  providers: [EnrolmentRepository, RecordProgressService, EnrolLearnerService, ReadEnrolmentsService],
  exports: [EnrolmentRepository, RecordProgressService],
})
export class EnrolmentsModule {}
