import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@bdhvs/service-runtime';

export class CertificationConfig extends ServiceConfig {
  /** Shared secret of the VNeID adapter's HMAC-SHA256 signature. */
  @IsString()
  @MinLength(16)
  VNEID_HMAC_SECRET: string;

  /** Key of the citizen-ID blind index, shared with the learners service. */
  @IsString()
  @MinLength(16)
  PII_HASH_KEY: string;

  /** How long a webhook call waits for concurrent ones to share its transaction (ms). */
  @Transform(({ value }) => (value === undefined ? 2 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(50)
  VNEID_GROUP_COMMIT_MS = 2;
}
