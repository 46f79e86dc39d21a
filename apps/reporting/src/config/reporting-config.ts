import { Matches } from 'class-validator';
import { ServiceConfig } from '@bdhvs/service-runtime';

export class ReportingConfig extends ServiceConfig {
  /** Root of the hierarchy: Lai Châu is 12. */
  @Matches(/^\d{2}$/, { message: 'must be a two-digit province code' })
  PROVINCE_CODE = '12';
}
