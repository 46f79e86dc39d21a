import { runService } from '@bdhvs/service-runtime';
import { campaignsService } from './service';

void runService(campaignsService);
