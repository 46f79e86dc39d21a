import type { ServiceDefinition } from '@bdhvs/service-runtime';
import { reportingModule } from './app.module';
import { database } from './database';
import { ReportingConfig } from './config/reporting-config';

/** Everything that makes this service: started by main.ts, and in-process by the integration tests. */
export const reportingService: ServiceDefinition<ReportingConfig> = {
  name: 'reporting',
  title: 'Reporting (indicators of the plan)',
  configType: ReportingConfig,
  database,
  appModule: reportingModule,
  problems: {
    'unknown-unit': { status: 404, title: 'Unknown administrative unit' },
    'indicator-not-computed': { status: 422, title: 'Indicator not computed yet' },
    'breakdown-not-available': { status: 422, title: 'Breakdown not available yet' },
  },
};
