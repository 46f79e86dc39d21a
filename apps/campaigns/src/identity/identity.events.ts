import { IdentityStatusRecordedV1, Topics } from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import { IdentityRecord } from './domain/identity';

/** identity-status-recorded: keyed by learner, a field left out is unchanged. */
export function identityStatusRecorded(r: IdentityRecord): OutgoingEvent<IdentityStatusRecordedV1> {
  return {
    topic: Topics.identityStatusRecorded,
    key: r.learnerId,
    subject: r.learnerId,
    time: r.recordedAt,
    data: {
      learnerId: r.learnerId,
      learnerKey: r.learnerKey,
      unitCode: r.unitCode,
      ...(r.vneidStatus !== null ? { vneidStatus: r.vneidStatus } : {}),
      ...(r.digitalBankAccount !== null ? { digitalBankAccount: r.digitalBankAccount } : {}),
      source: r.source,
      recordedBy: r.recordedBy,
      recordedAt: r.recordedAt.toISOString(),
    },
  };
}
