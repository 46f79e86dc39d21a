import { Module } from '@nestjs/common';
import { Topics } from '@bdhvs/events';
import { AuthModule } from '@bdhvs/auth';
import { KafkaReadiness, MessagingModule } from '@bdhvs/messaging';
import { ServiceRuntimeModule } from '@bdhvs/service-runtime';
import { CertificationsModule } from './certifications/certifications.module';
import { LearnersConfig } from './config/learners-config';
import { database } from './database';
import { LearnerRegistryModule } from './learners/learners.module';
import { UnitsModule } from './units/units.module';

export function learnersModule(config: LearnersConfig) {
  @Module({
    imports: [
      ServiceRuntimeModule.forRoot({
        name: 'learners',
        config,
        database,
        readiness: [KafkaReadiness],
      }),
      MessagingModule.forRoot({
        source: 'bdhvs/learners',
        groupId: 'learners',
        produces: [
          Topics.unitRegistered,
          Topics.learnerRegistered,
          Topics.learnerUpdated,
          Topics.householdRegistered,
          Topics.householdMemberAdded,
          Topics.villageRegistered,
        ],
      }),
      AuthModule,
      UnitsModule,
      CertificationsModule,
      LearnerRegistryModule,
    ],
  })
  class LearnersModule {}
  return LearnersModule;
}
