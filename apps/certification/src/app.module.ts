import { Module } from '@nestjs/common';
import { Topics } from '@bdhvs/events';
import { AuthModule } from '@bdhvs/auth';
import { KafkaReadiness, MessagingModule } from '@bdhvs/messaging';
import { ServiceRuntimeModule } from '@bdhvs/service-runtime';
import { CertificatesModule } from './certificates/certificates.module';
import { CertificationConfig } from './config/certification-config';
import { database } from './database';
import { RegistryModule } from './registry/registry.module';
import { RequestsModule } from './requests/requests.module';
import { ReviewModule } from './review/review.module';

export function certificationModule(config: CertificationConfig) {
  @Module({
    imports: [
      ServiceRuntimeModule.forRoot({
        name: 'certification',
        config,
        database,
        readiness: [KafkaReadiness],
      }),
      MessagingModule.forRoot({
        source: 'bdhvs/certification',
        groupId: 'certification',
        produces: [
          Topics.certificateIssued,
          Topics.certificateRevoked,
          Topics.learnerSeen,
          Topics.vneidCertificationRequests,
        ],
        // Every handler takes its per-learner locks in one order (lockKeys): one partition's batch is
        // decided while another commits (benchmarks run 7: the Kafka channel about a quarter faster).
        partitionsConcurrently: 3,
      }),
      AuthModule,
      RegistryModule,
      CertificatesModule,
      RequestsModule,
      ReviewModule,
    ],
  })
  class CertificationModule {}
  return CertificationModule;
}
