import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ClassesModule } from '../classes/classes.module';
import { CompetenciesModule } from '../competencies/competencies.module';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { RegistryModule } from '../registry/registry.module';
import { GetNextStepsService } from './get-next-steps.service';
import { NextStepsController } from './next-steps.controller';

/** The personalised next step of IV.4.4: deterministic and explained, no model. */
@Module({
  imports: [
    CatalogueModule,
    ClassesModule,
    CompetenciesModule,
    EnrolmentsModule,
    ProgrammesModule,
    RegistryModule,
  ],
  controllers: [NextStepsController],
  providers: [GetNextStepsService],
})
export class NextStepsModule {}
