import { runService } from '@bdhvs/service-runtime';
import { certificationService } from './service';

void runService(certificationService);
