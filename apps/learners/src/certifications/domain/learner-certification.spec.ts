import { LearnerCertification, certificationStateAt, certificationStatus } from './learner-certification';

const KEY = 'a'.repeat(64);
const NOW = new Date('2025-12-01T00:00:00Z');

function cert(overrides: Partial<LearnerCertification> = {}): LearnerCertification {
  return {
    certificateNo: 'BDHVS-2025-000001',
    certificateId: '6b0b5d7e-0d1e-4d55-9a0c-1c2f2f7b1a01',
    learnerKey: KEY,
    programme: 'CITIZEN_BASIC',
    unitCode: '03388',
    issuedAt: new Date('2025-09-30T08:00:00Z'),
    revokedAt: null,
    ...overrides,
  };
}

describe('certificationStateAt', () => {
  it('is valid from the issue on', () => {
    expect(certificationStateAt(cert(), NOW)).toBe('valid');
    expect(certificationStateAt(cert(), new Date('2025-09-30T08:00:00Z'))).toBe('valid');
    expect(certificationStateAt(cert(), new Date('2025-09-30T07:59:59Z'))).toBe('not-yet-issued');
  });
  it('is revoked from the revocation on', () =>
    expect(certificationStateAt(cert({ revokedAt: new Date('2025-10-15T00:00:00Z') }), NOW)).toBe('revoked'));
  it('is revoked when the revocation arrived before the issue', () =>
    expect(
      certificationStateAt(cert({ issuedAt: null, revokedAt: new Date('2025-10-15T00:00:00Z') }), NOW),
    ).toBe('revoked'));
});

describe('certificationStatus', () => {
  it('marks a learner with a valid certificate certified', () => {
    const status = certificationStatus(KEY, [cert()], NOW);
    expect(status.certified).toBe(true);
    expect(status.certificates).toEqual([
      expect.objectContaining({ certificateNo: 'BDHVS-2025-000001', state: 'valid' }),
    ]);
  });

  it('stops counting a revoked certificate', () =>
    expect(
      certificationStatus(KEY, [cert({ revokedAt: new Date('2025-10-15T00:00:00Z') })], NOW).certified,
    ).toBe(false));

  it('stays certified while another certificate stands', () => {
    const revoked = cert({ revokedAt: new Date('2025-10-15T00:00:00Z') });
    const later = cert({ certificateNo: 'BDHVS-2025-000002', issuedAt: new Date('2025-11-01T00:00:00Z') });
    const status = certificationStatus(KEY, [later, revoked], NOW);
    expect(status.certified).toBe(true);
    expect(status.certificates.map((c) => [c.certificateNo, c.state])).toEqual([
      ['BDHVS-2025-000001', 'revoked'],
      ['BDHVS-2025-000002', 'valid'],
    ]);
  });

  it('answers not certified, with no certificates, for an unknown learner', () =>
    expect(certificationStatus(KEY, [], NOW)).toEqual({
      learnerKey: KEY,
      certified: false,
      certificates: [],
    }));

  it('shows a unit-scoped caller only the certificates of their unit and below', () => {
    const elsewhere = cert({ certificateNo: 'BDHVS-2025-000003', unitCode: '03408' });
    const status = certificationStatus(KEY, [elsewhere], NOW, new Set(['03388']));
    expect(status).toEqual({ learnerKey: KEY, certified: false, certificates: [] });
    expect(certificationStatus(KEY, [elsewhere, cert()], NOW, new Set(['03388'])).certificates).toHaveLength(
      1,
    );
  });

  it("ignores another learner's certificates", () =>
    expect(certificationStatus(KEY, [cert({ learnerKey: 'b'.repeat(64) })], NOW).certified).toBe(false));
});
