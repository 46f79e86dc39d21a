import { connectInbox } from '@bdhvs/messaging';
import type { ServiceDefinition } from '@bdhvs/service-runtime';
import { reportingModule } from './app.module';
import { INDICATOR_PROBLEMS } from './indicators/indicator.problems';
import { REPORT_PROBLEMS } from './reports/report.problems';
import { SUBSCRIPTION_PROBLEMS } from './subscriptions/subscription.problems';
import { database } from './database';
import { ReportingConfig } from './config/reporting-config';

/** Everything that makes this service: started by main.ts, and in-process by the integration tests. */
export const reportingService: ServiceDefinition<ReportingConfig> = {
  name: 'reporting',
  title: 'Reporting (indicators of the plan)',
  configType: ReportingConfig,
  database,
  appModule: reportingModule,
  connect: connectInbox,
  problems: { ...INDICATOR_PROBLEMS, ...REPORT_PROBLEMS, ...SUBSCRIPTION_PROBLEMS },
};
