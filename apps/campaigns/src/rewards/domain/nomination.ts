/** Emulation and rewards (IV.2.2): a unit, mentor or team proposed for a reward, then approved. Framework-free. */
export const NOMINEE_KINDS = ['UNIT', 'MENTOR', 'TEAM'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];
export type NominationStatus = 'PROPOSED' | 'APPROVED';

export interface Nomination {
  id: string;
  nomineeKind: NomineeKind;
  nomineeId: string;
  /** Where the nominee belongs: the unit itself, or the mentor's or team's commune. */
  unitCode: string;
  /** The period it rewards (DHIS2 id, e.g. 2025). */
  period: string;
  reason: string;
  status: NominationStatus;
  proposedBy: string;
  proposedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
}

export type ApprovalDecision =
  | { outcome: 'approved'; nomination: Nomination }
  | { outcome: 'already-approved' }
  | { outcome: 'own-proposal' };

/** Whoever proposed a nomination cannot approve it; an approval is given once. */
export function decideApproval(nomination: Nomination, approver: string, now: Date): ApprovalDecision {
  if (nomination.status === 'APPROVED') return { outcome: 'already-approved' };
  if (nomination.proposedBy === approver) return { outcome: 'own-proposal' };
  return {
    outcome: 'approved',
    nomination: { ...nomination, status: 'APPROVED', approvedBy: approver, approvedAt: now },
  };
}
