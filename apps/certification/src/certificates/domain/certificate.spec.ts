import {
  Certificate,
  VneidEvent,
  arrivalProblems,
  certificatesOfUnknownLearners,
  decideCertified,
  decideCorrection,
  decideRevoked,
  decideVneidEvents,
  statusOf,
} from './certificate';
import { maskFullName } from './masked-name';
import { VNEID_SIGNATURE_MAX_LENGTH, isValidVneidSignature, signVneidBody } from './vneid-signature';
import { FixedWindowLimiter, clientAddress } from './rate-limit';

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
  it('rejects a header longer than a signature, whatever surrounds the signature', () => {
    const signature = signVneidBody(body, 'secret-secret-16');
    expect(signature).toHaveLength(VNEID_SIGNATURE_MAX_LENGTH);
    expect(isValidVneidSignature(body, `${signature}\u00a0`, 'secret-secret-16')).toBe(false);
    expect(isValidVneidSignature(body, ` ${signature}`, 'secret-secret-16')).toBe(false);
  });
  it('accepts either of two secrets while the secret rotates', () => {
    const both = 'old-secret-123456,new-secret-123456';
    expect(isValidVneidSignature(body, signVneidBody(body, 'old-secret-123456'), both)).toBe(true);
    expect(isValidVneidSignature(body, signVneidBody(body, 'new-secret-123456'), both)).toBe(true);
    expect(isValidVneidSignature(body, signVneidBody(body, both), both)).toBe(false);
  });
});

describe('masked name', () => {
  it('masks every word of a Vietnamese name', () =>
    expect(maskFullName('Nguyễn Văn An')).toBe('N***** V** A*'));
});

describe('decideVneidEvents', () => {
  let n = 0;
  const newId = () => `new-${++n}`;
  const none = {
    seenEventIds: new Set<string>(),
    certificates: [],
    pendingRevocations: [],
    knownUnits: new Set(['03388']),
  };
  const rules = { now: new Date('2026-01-01T00:00:00Z'), programmes: new Set(['CITIZEN_BASIC']) };
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
      rules,
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
    const first = decideVneidEvents([revocation], none, rules, newId);
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
      rules,
      newId,
    );
    expect(later.outcomes).toEqual(['issue']);
    expect(later.appliedPending).toEqual(['r1']);
    expect(later.changes.map((c) => c.kind)).toEqual(['issued', 'revoked']);

    // Both in one batch: the pending revocation's own record carries the outcome.
    const together = decideVneidEvents([revocation, event({ eventId: 'c1' })], none, rules, newId);
    expect(together.recorded.map((r) => r.outcome)).toEqual(['revoke', 'issue']);
    expect(together.appliedPending).toEqual([]);
  });

  it('revokes a stored certificate with an update, and ignores events seen before', () => {
    const plan = decideVneidEvents(
      [event({ eventId: 'seen' }), event({ eventId: 'r', type: 'REVOKED', reason: 'sai sót' })],
      { ...none, seenEventIds: new Set(['seen']), certificates: [{ ...cert, certificateNo: 'C-1' }] },
      rules,
      newId,
    );
    expect(plan.outcomes).toEqual(['duplicate-event', 'revoke']);
    expect(plan.revokedStored).toEqual([
      { id: 'c1', at: new Date('2025-05-01T00:00:00Z'), reason: 'sai sót' },
    ]);
    expect(plan.newCertificates).toEqual([]);
  });
});

describe('arrivalProblems', () => {
  const known = {
    seenEventIds: new Set<string>(),
    certificates: [],
    pendingRevocations: [],
    knownUnits: new Set(['03388']),
  };
  const rules = { now: new Date('2025-10-01T00:00:00Z'), programmes: new Set(['CITIZEN_BASIC']) };
  const event: VneidEvent = {
    eventId: 'e1',
    type: 'CERTIFIED',
    occurredAt: new Date('2025-09-30T08:00:00Z'),
    learnerKey: 'k',
    maskedName: 'N***',
    dateOfBirth: '1980-01-31',
    unitCode: '03388',
    programme: 'CITIZEN_BASIC',
    certificateNo: 'C-1',
    reason: null,
  };
  const fields = (over: Partial<VneidEvent>) =>
    arrivalProblems({ ...event, ...over }, known, rules).map((p) => p.field);

  it('accepts a known unit and programme, dated within the movement', () => expect(fields({})).toEqual([]));
  it('allows five minutes of clock skew, not more', () => {
    expect(fields({ occurredAt: new Date('2025-10-01T00:05:00Z') })).toEqual([]);
    expect(fields({ occurredAt: new Date('2025-10-01T00:05:01Z') })).toEqual(['occurredAt']);
  });
  it('starts the movement at 2025-01-01 in Vietnam time', () => {
    expect(fields({ occurredAt: new Date('2024-12-31T17:00:00Z') })).toEqual([]);
    expect(fields({ occurredAt: new Date('2024-12-31T16:59:59Z') })).toEqual(['occurredAt']);
  });
  it('names an unknown unit and an unknown programme', () =>
    expect(fields({ unitCode: '99999', programme: 'CIVIL_SERVANT' })).toEqual(['unitCode', 'programme']));
  it('rejects an event without recording it, so it can come again once fixed', () => {
    const plan = decideVneidEvents(
      [
        { ...event, unitCode: '99999' },
        { ...event, eventId: 'e2', type: 'REVOKED', unitCode: '99999' },
      ],
      known,
      rules,
      () => 'id',
    );
    expect(plan.outcomes).toEqual(['rejected', 'revocation-pending']);
    expect(plan.problems[0].map((p) => p.field)).toEqual(['unitCode']);
    expect(plan.recorded.map((r) => r.eventId)).toEqual(['e2']);
  });
});

describe('FixedWindowLimiter', () => {
  it('allows the limit per window and client, then tells how long to wait', () => {
    const limiter = new FixedWindowLimiter(2, 60_000);
    const t = 1_800_000_000_000; // a window boundary
    expect(limiter.take('a', t)).toBeNull();
    expect(limiter.take('a', t + 1_000)).toBeNull();
    expect(limiter.take('a', t + 15_000)).toBe(45);
    expect(limiter.take('b', t + 15_000)).toBeNull();
    expect(limiter.take('a', t + 60_000)).toBeNull();
  });
});

describe('clientAddress', () => {
  it('takes the address the trusted proxy appended, not one the client wrote', () => {
    expect(clientAddress('6.6.6.6, 10.0.0.7', '10.0.0.2', 1)).toBe('10.0.0.7');
    expect(clientAddress('6.6.6.6, 10.0.0.7, 10.0.0.9', '10.0.0.2', 2)).toBe('10.0.0.7');
    expect(clientAddress(undefined, '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientAddress('6.6.6.6', '10.0.0.2', 0)).toBe('10.0.0.2');
  });
});

describe('decideCorrection', () => {
  const units = new Set(['03388', '03408']);
  const programmes = new Set(['CITIZEN_BASIC', 'PUBLIC_SECTOR_DIGITAL']);
  const correction = (over: object) => ({
    id: 'corr-1',
    reason: 'wrong commune',
    correctedBy: 'admin',
    correctedAt: new Date('2025-11-01T00:00:00Z'),
    ...over,
  });

  it('revokes the certificate as it was and reissues it as it should be, both at its issue instant', () => {
    const decision = decideCorrection(
      cert,
      correction({ unitCode: '03408' }),
      [cert],
      units,
      programmes,
      'c2',
    );
    if (decision.kind !== 'correct') throw new Error(decision.kind);
    expect(decision.corrected).toMatchObject({
      id: 'c2',
      unitCode: '03408',
      certificateNo: cert.certificateNo,
    });
    const [revoked, issued] = decision.changes;
    expect(revoked).toMatchObject({ kind: 'revoked', at: cert.issuedAt, reason: 'corrected: wrong commune' });
    expect(revoked.certificate).toMatchObject({ id: 'c1', unitCode: '03388' });
    expect(issued).toMatchObject({ kind: 'issued', certificate: { id: 'c2', issuedAt: cert.issuedAt } });
  });

  it('refuses a correction that changes nothing, an unknown unit or programme, a revoked certificate', () => {
    expect(decideCorrection(cert, correction({ unitCode: '03388' }), [], units, programmes, 'c2').kind).toBe(
      'invalid',
    );
    expect(
      decideCorrection(cert, correction({ unitCode: '99999' }), [], units, programmes, 'c2'),
    ).toMatchObject({
      problems: [{ field: 'unitCode' }],
    });
    expect(
      decideCorrection(cert, correction({ programme: 'NOPE' }), [], units, programmes, 'c2'),
    ).toMatchObject({
      problems: [{ field: 'programme' }],
    });
    const revoked = { ...cert, revokedAt: new Date() };
    expect(
      decideCorrection(revoked, correction({ unitCode: '03408' }), [], units, programmes, 'c2').kind,
    ).toBe('revoked');
  });

  it('refuses a programme the learner already holds a valid certificate of', () => {
    const other = { ...cert, id: 'c9', certificateNo: 'C-9', programme: 'PUBLIC_SECTOR_DIGITAL' };
    expect(
      decideCorrection(
        cert,
        correction({ programme: 'PUBLIC_SECTOR_DIGITAL' }),
        [cert, other],
        units,
        programmes,
        'c2',
      ),
    ).toEqual({ kind: 'conflict', existingCertificateNo: 'C-9' });
  });
});

describe('certificatesOfUnknownLearners', () => {
  const issued = (id: string, learnerKey: string) => ({
    kind: 'issued' as const,
    certificate: { ...cert, id, learnerKey },
    sourceEventId: `e-${id}`,
  });

  it('hands over the first certificate of each learner the registry has not announced', () => {
    const changes = [
      issued('c1', 'unknown'),
      issued('c2', 'known'),
      issued('c3', 'unknown'),
      {
        kind: 'revoked' as const,
        certificate: { ...cert, learnerKey: 'other' },
        at: new Date(),
        reason: null,
        sourceEventId: 'r',
      },
    ];
    expect(
      certificatesOfUnknownLearners(changes, new Set(['known'])).map((c) => [
        c.certificate.id,
        c.sourceEventId,
      ]),
    ).toEqual([['c1', 'e-c1']]);
  });
});
