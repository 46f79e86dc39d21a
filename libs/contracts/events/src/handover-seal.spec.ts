import { randomBytes } from 'node:crypto';
import { HandoverKeyError, HandoverKeyRing } from './handover-seal';

const key = () => randomBytes(32).toString('base64');

describe(HandoverKeyRing.name, () => {
  const oldKey = `h1:${key()}`;
  const newKey = `h2:${key()}`;
  const identity = { citizenId: '012190000123', fullName: 'Lò Văn Pả' };

  it('seals with the last key and opens with any key of the ring', () => {
    const before = new HandoverKeyRing(oldKey).seal(identity, 'a'.repeat(64));
    const rotated = new HandoverKeyRing(`${oldKey},${newKey}`);
    expect(before.sealedKeyId).toBe('h1');
    expect(rotated.open(before.sealed, before.sealedKeyId, 'a'.repeat(64))).toEqual(identity);
    const after = rotated.seal(identity, 'a'.repeat(64));
    expect(after.sealedKeyId).toBe('h2');
    expect(after.sealed).not.toContain('012190000123');
  });

  it('refuses a value moved to another learner key or altered', () => {
    const ring = new HandoverKeyRing(oldKey);
    const { sealed, sealedKeyId } = ring.seal(identity, 'a'.repeat(64));
    expect(() => ring.open(sealed, sealedKeyId, 'b'.repeat(64))).toThrow(HandoverKeyError);
    const altered = Buffer.from(sealed, 'base64');
    altered[altered.length - 1] ^= 1;
    expect(() => ring.open(altered.toString('base64'), sealedKeyId, 'a'.repeat(64))).toThrow(
      HandoverKeyError,
    );
    expect(() => ring.open(sealed, 'h9', 'a'.repeat(64))).toThrow(HandoverKeyError);
  });

  it('refuses a ring without keys or with a short key', () => {
    expect(() => new HandoverKeyRing('')).toThrow(HandoverKeyError);
    expect(() => new HandoverKeyRing(`h1:${randomBytes(16).toString('base64')}`)).toThrow(HandoverKeyError);
  });
});
