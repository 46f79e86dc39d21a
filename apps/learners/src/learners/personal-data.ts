import { Inject, Injectable } from '@nestjs/common';
import { KeyObject, createHmac, createSecretKey } from 'node:crypto';
import { SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { LearnersConfig } from '../config/learners-config';
import { PiiKeyRing } from './domain/pii-cipher';

/** The learners' personal data keys: sealing (AES-256-GCM key ring) and the blind index. */
@Injectable()
export class PersonalDataKeys {
  readonly ring: PiiKeyRing;
  // learnerKeyOf (@bdhvs/events) with the key imported once: a bulk import computes it for every row.
  private readonly hashKey: KeyObject;

  constructor(@Inject(SERVICE_CONFIG) config: LearnersConfig) {
    this.ring = PiiKeyRing.fromSettings({
      key: config.PII_ENCRYPTION_KEY,
      keys: config.PII_ENCRYPTION_KEYS,
      currentKeyId: config.PII_ENCRYPTION_KEY_ID,
    });
    this.hashKey = createSecretKey(Buffer.from(config.PII_HASH_KEY, 'utf8'));
  }

  /** HMAC-SHA256 of the citizen ID, hex: the same value as `learnerKeyOf(citizenId, PII_HASH_KEY)`. */
  learnerKey(citizenId: string): string {
    return createHmac('sha256', this.hashKey).update(citizenId).digest('hex');
  }
}
