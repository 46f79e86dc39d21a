import { randomBytes } from 'node:crypto';
import { PiiKeyError, PiiKeyRing } from './pii-cipher';

describe(PiiKeyRing.name, () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('opens what it sealed, and the sealed text shows nothing of the value', () => {
    const ring = new PiiKeyRing({ k1 }, 'k1');
    const { keyId, sealed } = ring.seal('012080012345', 'id-1:citizenId');
    expect(keyId).toBe('k1');
    expect(sealed).not.toContain('012080012345');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('012080012345');
    expect(ring.open(sealed, keyId, 'id-1:citizenId')).toBe('012080012345');
  });

  it('seals the same value differently each time (random IV)', () => {
    const ring = new PiiKeyRing({ k1 }, 'k1');
    expect(ring.seal('Lò Thị Mai', 'c').sealed).not.toBe(ring.seal('Lò Thị Mai', 'c').sealed);
  });

  it('refuses a value moved to another learner or field, or tampered with', () => {
    const ring = new PiiKeyRing({ k1 }, 'k1');
    const { sealed } = ring.seal('Lò Thị Mai', 'id-1:fullName');
    expect(() => ring.open(sealed, 'k1', 'id-2:fullName')).toThrow();
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => ring.open(bytes.toString('base64'), 'k1', 'id-1:fullName')).toThrow();
  });

  it('rotates: new values under the new key, old values still open with the key id stored beside them', () => {
    const before = new PiiKeyRing({ k1 }, 'k1');
    const old = before.seal('012080012345', 'c');
    const after = PiiKeyRing.fromSettings({
      keys: `k1:${k1.toString('base64')},k2:${k2.toString('base64')}`,
      currentKeyId: 'k2',
    });
    const fresh = after.seal('012080012345', 'c');
    expect(fresh.keyId).toBe('k2');
    expect(after.open(old.sealed, old.keyId, 'c')).toBe('012080012345');
    expect(after.open(fresh.sealed, fresh.keyId, 'c')).toBe('012080012345');
    expect(() => before.open(fresh.sealed, fresh.keyId, 'c')).toThrow(PiiKeyError);
  });

  it('takes the single PII_ENCRYPTION_KEY as key k1, also beside a ring whose key is current', () => {
    expect(PiiKeyRing.fromSettings({ key: k1.toString('base64') }).currentKeyId).toBe('k1');
    const old = new PiiKeyRing({ k1 }, 'k1').seal('Lò Thị Mai', 'c');
    const ring = PiiKeyRing.fromSettings({
      key: k1.toString('base64'),
      keys: `k2:${k2.toString('base64')}`,
      currentKeyId: 'k2',
    });
    expect(ring.currentKeyId).toBe('k2');
    expect(ring.open(old.sealed, 'k1', 'c')).toBe('Lò Thị Mai');
  });

  it('refuses a key that is not 32 bytes, or a current key missing from the ring', () => {
    expect(() => new PiiKeyRing({ k1: randomBytes(16) }, 'k1')).toThrow('not 32 bytes');
    expect(() => new PiiKeyRing({ k1 }, 'k9')).toThrow('not in the key ring');
    expect(() => PiiKeyRing.fromSettings({})).toThrow(PiiKeyError);
  });
});

describe('PiiKeyRing IVs', () => {
  it('never reuses an IV across pool refills', () => {
    const ring = new PiiKeyRing({ k1: randomBytes(32) }, 'k1');
    const ivs = new Set(
      Array.from({ length: 10_000 }, () =>
        Buffer.from(ring.seal('x', 'c').sealed, 'base64').subarray(0, 12).toString('hex'),
      ),
    );
    expect(ivs.size).toBe(10_000);
  });
});
