import { ServiceConfig } from '@bdhvs/service-runtime';

/** Nothing beyond the common settings yet. */
export class CampaignsConfig extends ServiceConfig {}
