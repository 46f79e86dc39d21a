import { runService } from '@bdhvs/service-runtime';
import { reportingService } from './service';

void runService(reportingService);
