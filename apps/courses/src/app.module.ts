import { Module } from '@nestjs/common';
import { AuthModule } from '@bdhvs/auth';
import { KafkaReadiness, MessagingModule } from '@bdhvs/messaging';
import { ServiceRuntimeModule } from '@bdhvs/service-runtime';
import { CompetenciesModule } from './competencies/competencies.module';
import { CoursesConfig } from './config/courses-config';
import { database } from './database';

export function coursesModule(config: CoursesConfig) {
  @Module({
    imports: [
      ServiceRuntimeModule.forRoot({
        name: 'courses',
        config,
        database,
        readiness: [KafkaReadiness],
      }),
      MessagingModule.forRoot({ source: 'bdhvs/courses', groupId: 'courses', produces: [] }),
      AuthModule,
      CompetenciesModule,
    ],
  })
  class CoursesModule {}
  return CoursesModule;
}
