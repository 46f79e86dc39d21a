import { startService } from '@bdhvs/service-runtime';
import { certificationModule } from './app.module';
import { CertificationConfig } from './config/certification-config';

void startService({
  name: 'certification',
  title: 'Certification (VNeID integration)',
  configType: CertificationConfig,
  appModule: certificationModule,
});
