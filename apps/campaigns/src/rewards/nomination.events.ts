import { NominationApprovedV1, NominationProposedV1, Topics } from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import { Nomination } from './domain/nomination';

/** nomination-proposed: keyed by nomination, so its approval follows it. */
export function nominationProposed(n: Nomination): OutgoingEvent<NominationProposedV1> {
  return {
    topic: Topics.nominationProposed,
    key: n.id,
    subject: n.id,
    time: n.proposedAt,
    data: {
      nominationId: n.id,
      nomineeKind: n.nomineeKind,
      nomineeId: n.nomineeId,
      unitCode: n.unitCode,
      period: n.period,
      reason: n.reason,
      proposedBy: n.proposedBy,
      proposedAt: n.proposedAt.toISOString(),
    },
  };
}

/** nomination-approved: keyed by nomination. */
export function nominationApproved(
  n: Nomination & { approvedBy: string; approvedAt: Date },
): OutgoingEvent<NominationApprovedV1> {
  return {
    topic: Topics.nominationApproved,
    key: n.id,
    subject: n.id,
    time: n.approvedAt,
    data: {
      nominationId: n.id,
      nomineeKind: n.nomineeKind,
      nomineeId: n.nomineeId,
      unitCode: n.unitCode,
      period: n.period,
      proposedBy: n.proposedBy,
      approvedBy: n.approvedBy,
      approvedAt: n.approvedAt.toISOString(),
    },
  };
}
