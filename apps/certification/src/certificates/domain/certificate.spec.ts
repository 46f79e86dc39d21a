import { Certificate, decideCertified, decideRevoked, statusOf } from './certificate';
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
