import {
  Certificate,
  VneidEvent,
  decideCertified,
  decideRevoked,
  decideVneidEvents,
  statusOf,
} from './certificate';
import { maskFullName } from './masked-name';
import { isValidVneidSignature, signVneidBody } from './vneid-signature';

const cert: Certificate = {
  id: 'c1',
  certificateNo: 'BDHVS-2025-000001',
  learnerKey: 'k',
  maskedName: 'N***',
  programme: 'CITIZEN_BASIC',
  unitCode: '03388',
  dateOfBirth: '1980-01-31',
  issuedAt: new Date('2025-09-30T08:00:00Z'),
  revokedAt: null,
  revocationReason: null,
};

describe('decideCertified', () => {
  it('issues a first certificate', () => expect(decideCertified(null, null)).toEqual({ kind: 'issue' }));
  it('recognises the same certificate number sent again', () =>
    expect(decideCertified(cert, cert)).toEqual({ kind: 'already-issued', certificateId: 'c1' }));
  it('does not count a second certificate for the same programme', () =>
    expect(decideCertified(null, cert)).toEqual({
      kind: 'duplicate-certificate',
      existingCertificateNo: cert.certificateNo,
    }));
});

describe('decideRevoked', () => {
  it('revokes a valid certificate', () =>
    expect(decideRevoked(cert)).toEqual({ kind: 'revoke', certificate: cert }));
  it('revokes only once', () =>
    expect(decideRevoked({ ...cert, revokedAt: new Date() })).toEqual({ kind: 'already-revoked' }));
  it('keeps a revocation that arrives before its certificate', () =>
    expect(decideRevoked(null)).toEqual({ kind: 'revocation-pending' }));
  it('reports the status', () => expect(statusOf({ revokedAt: new Date() })).toBe('revoked'));
});

describe('VNeID signature', () => {
  const body = Buffer.from('{"eventId":"x"}');
  it('accepts the HMAC of the raw body', () =>
    expect(isValidVneidSignature(body, signVneidBody(body, 'secret-secret-16'), 'secret-secret-16')).toBe(
      true,
    ));
  it('rejects another secret, another body, or a malformed header', () => {
    expect(isValidVneidSignature(body, signVneidBody(body, 'other-secret-1234'), 'secret-secret-16')).toBe(
      false,
    );
    expect(
      isValidVneidSignature(Buffer.from('{}'), signVneidBody(body, 'secret-secret-16'), 'secret-secret-16'),
    ).toBe(false);
    expect(isValidVneidSignature(body, 'sha1=abc', 'secret-secret-16')).toBe(false);
    expect(isValidVneidSignature(body, undefined, 'secret-secret-16')).toBe(false);
  });
});

describe('masked name', () => {
  it('masks every word of a Vietnamese name', () =>
    expect(maskFullName('Nguyễn Văn An')).toBe('N***** V** A*'));
});

describe('decideVneidEvents', () => {
  let n = 0;
  const newId = () => `new-${++n}`;
  const none = { seenEventIds: new Set<string>(), certificates: [], pendingRevocations: [] };
  const event = (over: Partial<VneidEvent>): VneidEvent => ({
    eventId: 'e1',
    type: 'CERTIFIED',
    occurredAt: new Date('2025-05-01T00:00:00Z'),
    learnerKey: 'k',
    maskedName: 'N***',
    dateOfBirth: '1980-01-31',
    unitCode: '03388',
    programme: 'CITIZEN_BASIC',
    certificateNo: 'C-1',
    reason: null,
    ...over,
  });

  it('decides each event as if applied alone after the ones before it', () => {
    const plan = decideVneidEvents(
      [
        event({ eventId: 'e1' }),
        event({ eventId: 'e1' }), // the same event twice in one batch
        event({ eventId: 'e2', certificateNo: 'C-2' }), // a second certificate for the same programme
        event({ eventId: 'e3', type: 'REVOKED', occurredAt: new Date('2025-06-01T00:00:00Z') }),
        event({ eventId: 'e4', certificateNo: 'C-3' }), // after the revocation, a new one counts again
      ],
      none,
      newId,
    );
    expect(plan.outcomes).toEqual(['issue', 'duplicate-event', 'duplicate-certificate', 'revoke', 'issue']);
    expect(plan.newCertificates.map((c) => [c.certificateNo, c.revokedAt?.toISOString() ?? null])).toEqual([
      ['C-1', '2025-06-01T00:00:00.000Z'],
      ['C-3', null],
    ]);
    expect(plan.revokedStored).toEqual([]);
    expect(plan.changes.map((c) => `${c.kind} ${c.certificate.certificateNo}`)).toEqual([
      'issued C-1',
      'revoked C-1',
      'issued C-3',
    ]);
    expect(plan.recorded.map((r) => r.eventId)).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  it('keeps a revocation that comes before its certificate, and applies it when the certificate arrives', () => {
    const revocation = event({
      eventId: 'r1',
      type: 'REVOKED',
      occurredAt: new Date('2025-07-01T00:00:00Z'),
    });
    const first = decideVneidEvents([revocation], none, newId);
    expect(first.outcomes).toEqual(['revocation-pending']);

    const later = decideVneidEvents(
      [event({ eventId: 'c1' })],
      {
        ...none,
        seenEventIds: new Set(['r1']),
        pendingRevocations: [
          { eventId: 'r1', certificateNo: 'C-1', occurredAt: revocation.occurredAt, reason: null },
        ],
      },
      newId,
    );
    expect(later.outcomes).toEqual(['issue']);
    expect(later.appliedPending).toEqual(['r1']);
    expect(later.changes.map((c) => c.kind)).toEqual(['issued', 'revoked']);

    // Both in one batch: the pending revocation's own record carries the outcome.
    const together = decideVneidEvents([revocation, event({ eventId: 'c1' })], none, newId);
    expect(together.recorded.map((r) => r.outcome)).toEqual(['revoke', 'issue']);
    expect(together.appliedPending).toEqual([]);
  });

  it('revokes a stored certificate with an update, and ignores events seen before', () => {
    const plan = decideVneidEvents(
      [event({ eventId: 'seen' }), event({ eventId: 'r', type: 'REVOKED', reason: 'sai sót' })],
      { ...none, seenEventIds: new Set(['seen']), certificates: [{ ...cert, certificateNo: 'C-1' }] },
      newId,
    );
    expect(plan.outcomes).toEqual(['duplicate-event', 'revoke']);
    expect(plan.revokedStored).toEqual([
      { id: 'c1', at: new Date('2025-05-01T00:00:00Z'), reason: 'sai sót' },
    ]);
    expect(plan.newCertificates).toEqual([]);
  });
});
