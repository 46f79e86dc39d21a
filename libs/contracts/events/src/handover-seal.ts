import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What certification hands over to the learners service about a citizen VNeID certified. */
export interface HandoverIdentity {
  citizenId: string;
  fullName: string;
}

export class HandoverKeyError extends Error {}

/**
 * The handover key ring (`VNEID_HANDOVER_KEYS`, "id:base64,id:base64" of 32-byte keys), shared only by
 * certification and learners: the last key seals, any key of the ring opens. Sealing is the contract of
 * `certification.learner-seen.v1`'s `sealed` field, so both sides use this one implementation.
 */
export class HandoverKeyRing {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  constructor(setting: string) {
    const keys = new Map<string, Buffer>();
    for (const entry of setting.split(',').filter(Boolean)) {
      const at = entry.indexOf(':');
      if (at <= 0) throw new HandoverKeyError('VNEID_HANDOVER_KEYS must be "id:base64,id:base64"');
      const key = Buffer.from(entry.slice(at + 1).trim(), 'base64');
      if (key.length !== 32) throw new HandoverKeyError('every VNEID_HANDOVER_KEYS key must be 32 bytes');
      keys.set(entry.slice(0, at).trim(), key);
    }
    const ids = [...keys.keys()];
    if (ids.length === 0) throw new HandoverKeyError('VNEID_HANDOVER_KEYS holds no key');
    this.keys = keys;
    this.currentKeyId = ids[ids.length - 1];
  }

  /** base64(iv | tag | ciphertext); the learnerKey is authenticated, so a value moved to another event fails to open. */
  seal(identity: HandoverIdentity, learnerKey: string): { sealed: string; sealedKeyId: string } {
    return this.sealText(
      JSON.stringify({ citizenId: identity.citizenId, fullName: identity.fullName }),
      learnerKey,
    );
  }

  /** The identity, or a HandoverKeyError when the key is unknown or the value was altered or moved. */
  open(sealed: string, sealedKeyId: string, learnerKey: string): HandoverIdentity {
    let value: Partial<HandoverIdentity>;
    try {
      value = JSON.parse(this.openText(sealed, sealedKeyId, learnerKey)) as Partial<HandoverIdentity>;
    } catch (error) {
      if (error instanceof HandoverKeyError) throw error;
      throw new HandoverKeyError('the sealed identity is not JSON');
    }
    if (typeof value.citizenId !== 'string' || typeof value.fullName !== 'string')
      throw new HandoverKeyError('the sealed identity lacks citizenId or fullName');
    return { citizenId: value.citizenId, fullName: value.fullName };
  }

  /** Any text sealed under the current key, `context` authenticated (AES-256-GCM). */
  sealText(plain: string, context: string): { sealed: string; sealedKeyId: string } {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return {
      sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
      sealedKeyId: this.currentKeyId,
    };
  }

  openText(sealed: string, sealedKeyId: string, context: string): string {
    const key = this.key(sealedKeyId);
    try {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new HandoverKeyError('the sealed identity does not open with the handover key ring');
    }
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new HandoverKeyError(`handover key ${id} is not in the key ring`);
    return key;
  }
}
