import { runService } from '@bdhvs/service-runtime';
import { coursesService } from './service';

void runService(coursesService);
