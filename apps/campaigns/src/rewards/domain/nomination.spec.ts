import { Nomination, decideApproval } from './nomination';

const proposed: Nomination = {
  id: 'n-1',
  nomineeKind: 'MENTOR',
  nomineeId: 'm-1',
  unitCode: '03388',
  period: '2025',
  reason: 'Guided twelve people',
  status: 'PROPOSED',
  proposedBy: 'officer-03388',
  proposedAt: new Date('2025-12-20T00:00:00Z'),
  approvedBy: null,
  approvedAt: null,
};
const now = new Date('2025-12-22T00:00:00Z');

describe(decideApproval.name, () => {
  it('approves once, by someone other than the proposer', () => {
    expect(decideApproval(proposed, 'province-admin', now)).toEqual({
      outcome: 'approved',
      nomination: { ...proposed, status: 'APPROVED', approvedBy: 'province-admin', approvedAt: now },
    });
    expect(decideApproval(proposed, 'officer-03388', now)).toEqual({ outcome: 'own-proposal' });
    expect(decideApproval({ ...proposed, status: 'APPROVED' }, 'province-admin', now)).toEqual({
      outcome: 'already-approved',
    });
  });
});
