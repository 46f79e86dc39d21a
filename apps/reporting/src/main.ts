import { startService } from '@bdhvs/service-runtime';
import { reportingModule } from './app.module';
import { ReportingConfig } from './config/reporting-config';

void startService({
  name: 'reporting',
  title: 'Reporting (indicators of the plan)',
  configType: ReportingConfig,
  appModule: reportingModule,
  problems: {
    'unknown-unit': { status: 404, title: 'Unknown administrative unit' },
    'indicator-not-computed': { status: 422, title: 'Indicator not computed yet' },
    'breakdown-not-available': { status: 422, title: 'Breakdown not available yet' },
  },
});
