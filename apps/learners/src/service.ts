import { connectInbox } from '@bdhvs/messaging';
import type { ServiceDefinition } from '@bdhvs/service-runtime';
import { learnersModule } from './app.module';
import { database } from './database';
import { LearnersConfig } from './config/learners-config';
import { LEARNER_PROBLEMS } from './learners/domain/learner.errors';

/** Everything that makes this service: started by main.ts, and in-process by the integration tests. */
export const learnersService: ServiceDefinition<LearnersConfig> = {
  name: 'learners',
  title: 'Learners (registry and administrative units)',
  configType: LearnersConfig,
  database,
  appModule: learnersModule,
  connect: connectInbox,
  problems: {
    ...LEARNER_PROBLEMS,
    'not-your-learner': { status: 403, title: 'Not your learner' },
    'invalid-unit': { status: 400, title: 'Validation failed' },
    'unit-not-found': { status: 404, title: 'Unit not found' },
  },
};
