import { IsString, MinLength } from 'class-validator';
import { ServiceConfig } from '@bdhvs/service-runtime';

export class LearnersConfig extends ServiceConfig {
  /** Key of the citizen-ID blind index (learner key), shared with the certification service. */
  @IsString()
  @MinLength(16)
  PII_HASH_KEY: string;
}
