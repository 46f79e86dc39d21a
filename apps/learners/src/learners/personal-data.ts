import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { LearnersConfig } from '../config/learners-config';
import { learnerKeyOf } from '@bdhvs/events';
import { PiiKeyRing } from './domain/pii-cipher';

/** The learners' personal data keys: sealing (AES-256-GCM key ring) and the blind index. */
@Injectable()
export class PersonalDataKeys {
  readonly ring: PiiKeyRing;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: LearnersConfig) {
    this.ring = PiiKeyRing.fromSettings({
      key: config.PII_ENCRYPTION_KEY,
      keys: config.PII_ENCRYPTION_KEYS,
      currentKeyId: config.PII_ENCRYPTION_KEY_ID,
    });
  }

  learnerKey(citizenId: string): string {
    return learnerKeyOf(citizenId, this.config.PII_HASH_KEY);
  }
}
