import { connectInbox } from '@bdhvs/messaging';
import type { ServiceDefinition } from '@bdhvs/service-runtime';
import { learnersModule } from './app.module';
import { database } from './database';
import { LearnersConfig } from './config/learners-config';
import { LEARNER_PROBLEMS } from './learners/learner.problems';
import { UNIT_PROBLEMS } from './units/unit.problems';

/** Everything that makes this service: started by main.ts, and in-process by the integration tests. */
export const learnersService: ServiceDefinition<LearnersConfig> = {
  name: 'learners',
  title: 'Learners (registry and administrative units)',
  configType: LearnersConfig,
  database,
  appModule: learnersModule,
  connect: connectInbox,
  problems: { ...LEARNER_PROBLEMS, ...UNIT_PROBLEMS },
};
