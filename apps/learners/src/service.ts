import type { ServiceDefinition } from '@bdhvs/service-runtime';
import { learnersModule } from './app.module';
import { database } from './database';
import { LearnersConfig } from './config/learners-config';

/** Everything that makes this service: started by main.ts, and in-process by the integration tests. */
export const learnersService: ServiceDefinition<LearnersConfig> = {
  name: 'learners',
  title: 'Learners (registry and administrative units)',
  configType: LearnersConfig,
  database,
  appModule: learnersModule,
};
