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
  if (change.kind === 'issued') {
    return {
      topic: Topics.certificateIssued,
      key: certificate.learnerKey,
      subject: certificate.certificateNo,
      time: certificate.issuedAt,
      trace,
      data: {
        certificateId: certificate.id,
        certificateNo: certificate.certificateNo,
        learnerKey: certificate.learnerKey,
        programme: certificate.programme,
        unitCode: certificate.unitCode,
        unitMap: '2025',
        dateOfBirth: certificate.dateOfBirth,
        issuedAt: certificate.issuedAt.toISOString(),
        sourceEventId: change.sourceEventId,
      },
    };
  }
  return {
    topic: Topics.certificateRevoked,
    key: certificate.learnerKey,
    subject: certificate.certificateNo,
    time: change.at,
    trace,
    data: {
      certificateId: certificate.id,
      certificateNo: certificate.certificateNo,
      learnerKey: certificate.learnerKey,
      programme: certificate.programme,
      unitCode: certificate.unitCode,
      revokedAt: change.at.toISOString(),
      ...(change.reason ? { reason: change.reason } : {}),
      sourceEventId: change.sourceEventId,
    },
  };
}
