import { startService } from '@bdhvs/service-runtime';
import { learnersModule } from './app.module';
import { LearnersConfig } from './config/learners-config';

void startService({
  name: 'learners',
  title: 'Learners (registry and administrative units)',
  configType: LearnersConfig,
  appModule: learnersModule,
});
