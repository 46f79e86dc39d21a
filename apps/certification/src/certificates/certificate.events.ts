import { CertificateIssuedV1, CertificateRevokedV1, Topics } from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import type { TraceContext } from '@bdhvs/service-runtime';
import { CertificateChange } from './domain/certificate';

/** The events of certificate changes, built in one place for both channels. */
export function certificateEvent(
  change: CertificateChange,
  trace?: TraceContext,
): OutgoingEvent<CertificateIssuedV1 | CertificateRevokedV1> {
  const { certificate } = change;
  const common = {
    key: certificate.learnerKey,
    subject: certificate.certificateNo,
    trace,
  };
  const identity = {
    certificateId: certificate.id,
    certificateNo: certificate.certificateNo,
    learnerKey: certificate.learnerKey,
    programme: certificate.programme,
    unitCode: certificate.unitCode,
  };
  if (change.kind === 'issued') {
    return {
      ...common,
      topic: Topics.certificateIssued,
      time: certificate.issuedAt,
      data: {
        ...identity,
        unitMap: '2025',
        dateOfBirth: certificate.dateOfBirth,
        issuedAt: certificate.issuedAt.toISOString(),
        sourceEventId: change.sourceEventId,
      },
    };
  }
  return {
    ...common,
    topic: Topics.certificateRevoked,
    time: change.at,
    data: {
      ...identity,
      revokedAt: change.at.toISOString(),
      ...(change.reason ? { reason: change.reason } : {}),
      sourceEventId: change.sourceEventId,
    },
  };
}
