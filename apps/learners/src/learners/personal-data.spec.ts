import { learnerKeyOf } from '@bdhvs/events';
import type { LearnersConfig } from '../config/learners-config';
import { PersonalDataKeys } from './personal-data';

describe(PersonalDataKeys.name, () => {
  it('computes the same learner key as learnerKeyOf, which the certification service uses', () => {
    const hashKey = 'dev-pii-hash-key-Lai-Châu-0123456789';
    const sut = new PersonalDataKeys({
      PII_HASH_KEY: hashKey,
      PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    } as LearnersConfig);
    for (const citizenId of ['012080012345', '001199000001', ''])
      expect(sut.learnerKey(citizenId)).toBe(learnerKeyOf(citizenId, hashKey));
  });
});
