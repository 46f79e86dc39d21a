import { Module } from '@nestjs/common';
import { Topics } from '@bdhvs/events';
import { AuthModule } from '@bdhvs/auth';
import { KafkaReadiness, MessagingModule } from '@bdhvs/messaging';
import { ServiceRuntimeModule } from '@bdhvs/service-runtime';
import { CertificateIssuedConsumer } from './certifications/certificate-issued.consumer';
import { CertificateRevokedConsumer } from './certifications/certificate-revoked.consumer';
import { CertificationsModule } from './certifications/certifications.module';
import { LearnersConfig } from './config/learners-config';
import { database } from './database';
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
        produces: [Topics.unitRegistered],
        handlers: [CertificateIssuedConsumer, CertificateRevokedConsumer],
        imports: [CertificationsModule],
      }),
      AuthModule,
      UnitsModule,
      CertificationsModule,
    ],
  })
  class LearnersModule {}
  return LearnersModule;
}
