import { Transform } from 'class-transformer';
import { IsInt, IsJSON, IsOptional, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@bdhvs/service-runtime';

export class ReportingConfig extends ServiceConfig {
  /** Root of the hierarchy: Lai Châu is 12. */
  @Matches(/^\d{2}$/, { message: 'must be a two-digit province code' })
  PROVINCE_CODE = '12';

  /**
   * DHIS2 identifiers for `format=dhis2`, as JSON: `{ "dataElements": { "c.numerator": "<uid>", ... },
   * "orgUnits": { "12": "<uid>", ... }, "categoryOptionCombos": { "sex:female": "<uid>", ... } }`. Anything
   * not mapped keeps a readable default (ADR 0014).
   */
  @IsOptional()
  @IsJSON({ message: 'must be a JSON object of dataElements, orgUnits and categoryOptionCombos' })
  DHIS2_MAPPING?: string;

  /** How often the report webhook deliveries are looked for (ms). */
  @Transform(({ value }) => (value === undefined ? 1000 : Number(value)))
  @IsInt()
  @Min(50)
  @Max(60_000)
  REPORT_DELIVERY_INTERVAL_MS = 1000;
}
