import { Module } from '@nestjs/common';
import { Topics } from '@bdhvs/events';
import { AuthModule } from '@bdhvs/auth';
import { KafkaReadiness, MessagingModule } from '@bdhvs/messaging';
import { ServiceRuntimeModule } from '@bdhvs/service-runtime';
import { CatalogueModule } from './catalogue/catalogue.module';
import { ClassesModule } from './classes/classes.module';
import { CompetenciesModule } from './competencies/competencies.module';
import { CoursesConfig } from './config/courses-config';
import { database } from './database';
import { EnrolmentsModule } from './enrolments/enrolments.module';
import { NextStepsModule } from './next-steps/next-steps.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { RegistryEventsModule } from './registry/registry-events.module';
import { XapiModule } from './xapi/xapi.module';

export function coursesModule(config: CoursesConfig) {
  @Module({
    imports: [
      ServiceRuntimeModule.forRoot({
        name: 'courses',
        config,
        database,
        readiness: [KafkaReadiness],
      }),
      MessagingModule.forRoot({
        source: 'bdhvs/courses',
        groupId: 'courses',
        produces: [
          Topics.coursePublished,
          Topics.enrolmentRecorded,
          Topics.progressRecorded,
          Topics.courseCompleted,
          Topics.classCreated,
          Topics.attendanceRecorded,
        ],
      }),
      AuthModule,
      CompetenciesModule,
      ProgrammesModule,
      CatalogueModule,
      EnrolmentsModule,
      ClassesModule,
      NextStepsModule,
      RegistryEventsModule,
      XapiModule,
    ],
  })
  class CoursesModule {}
  return CoursesModule;
}
