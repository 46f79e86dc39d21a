import { HandoverKeyRing, LearnerSeenV1, Topics } from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import type { TraceContext } from '@bdhvs/service-runtime';
import { Certificate } from './domain/certificate';

/**
 * What certification tells the registry about a citizen VNeID certified and the registry never announced:
 * the citizen ID and the name sealed with the handover key ring, nothing of them in clear.
 */
export function learnerSeenEvent(
  certificate: Certificate,
  identity: { citizenId: string; fullName: string },
  sourceEventId: string,
  ring: HandoverKeyRing,
  trace?: TraceContext,
): OutgoingEvent<LearnerSeenV1> {
  return {
    topic: Topics.learnerSeen,
    key: certificate.learnerKey,
    subject: certificate.certificateNo,
    time: certificate.issuedAt,
    trace,
    data: {
      learnerKey: certificate.learnerKey,
      unitCode: certificate.unitCode,
      unitMap: '2025',
      dateOfBirth: certificate.dateOfBirth,
      ...ring.seal(identity, certificate.learnerKey),
      certificateNo: certificate.certificateNo,
      seenAt: certificate.issuedAt.toISOString(),
      sourceEventId,
    },
  };
}
