import { decode } from 'jsonwebtoken';
import { developmentSecrets, testToken } from './service-harness';

describe('developmentSecrets', () => {
  it('reads the development values of .env.example', () => {
    const secrets = developmentSecrets();
    expect(Object.keys(secrets)).toEqual(
      expect.arrayContaining(['VNEID_HMAC_SECRET', 'PII_HASH_KEY', 'PII_ENCRYPTION_KEY']),
    );
    expect(Object.values(secrets).every((v) => v.length >= 16)).toBe(true);
  });
});

describe('testToken', () => {
  it('mints an RS256 token with the claims the services read', () => {
    const token = testToken({ sub: 'officer', roles: ['unit-officer'], unit: '03388' });
    const decoded = decode(token, { complete: true });
    expect(decoded?.header.alg).toBe('RS256');
    expect(decoded?.payload).toMatchObject({ sub: 'officer', roles: ['unit-officer'], unit: '03388' });
  });
});
