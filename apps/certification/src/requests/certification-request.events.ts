import { Topics, VneidCertificationRequestV1 } from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import { CertificationRequest } from './domain/certification-request';

/** What the VNeID adapter is asked: certify this learner in this programme. */
export function certificationRequested(r: CertificationRequest): OutgoingEvent<VneidCertificationRequestV1> {
  return {
    topic: Topics.vneidCertificationRequests,
    key: r.learnerKey,
    subject: r.id,
    time: r.requestedAt,
    data: {
      requestId: r.id,
      learnerId: r.learnerId,
      learnerKey: r.learnerKey,
      unitCode: r.unitCode,
      programme: r.programme,
      courseId: r.courseId,
      courseCode: r.courseCode,
      completedAt: r.completedAt.toISOString(),
      requestedAt: r.requestedAt.toISOString(),
    },
  };
}
