import { runService } from '@bdhvs/service-runtime';
import { learnersService } from './service';

void runService(learnersService);
