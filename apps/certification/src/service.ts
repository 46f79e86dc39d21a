import { connectInbox } from '@bdhvs/messaging';
import type { ServiceDefinition } from '@bdhvs/service-runtime';
import { CERTIFICATE_PROBLEMS } from './certificates/certificate.problems';
import { REVIEW_PROBLEMS } from './review/review.problems';
import { certificationModule } from './app.module';
import { database } from './database';
import { CertificationConfig } from './config/certification-config';

/** Everything that makes this service: started by main.ts, and in-process by the integration tests. */
export const certificationService: ServiceDefinition<CertificationConfig> = {
  name: 'certification',
  title: 'Certification (VNeID integration)',
  configType: CertificationConfig,
  database,
  appModule: certificationModule,
  problems: { ...CERTIFICATE_PROBLEMS, ...REVIEW_PROBLEMS },
  connect: connectInbox,
};
