import { KeyObject, createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';

export class PiiKeyError extends Error {}

/**
 * AES-256-GCM keys by id: new values are sealed with the current key, any value is opened with the key
 * whose id was stored beside it, so a key can be rotated without rewriting every row at once.
 */
export class PiiKeyRing {
  // Key objects, not buffers: a cipher made from one skips the key import, a third of a seal's cost.
  private readonly keys: ReadonlyMap<string, KeyObject>;
  // IVs are drawn from the CSPRNG in blocks: one call per 4,096 values instead of one per value.
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(
    keys: Record<string, Buffer>,
    readonly currentKeyId: string,
  ) {
    for (const [id, key] of Object.entries(keys)) {
      if (key.length !== 32) throw new PiiKeyError(`PII key ${id} is not 32 bytes`);
    }
    if (!(currentKeyId in keys))
      throw new PiiKeyError(`the current PII key id ${currentKeyId} is not in the key ring`);
    this.keys = new Map(Object.entries(keys).map(([id, key]) => [id, createSecretKey(key)]));
  }

  /**
   * From `PII_ENCRYPTION_KEYS` ("id:base64,id:base64") and/or `PII_ENCRYPTION_KEY` (one key: id `k1` beside
   * a ring, else the id `PII_ENCRYPTION_KEY_ID` names). The current key is `PII_ENCRYPTION_KEY_ID`, by
   * default the last key of the ring, else `k1`.
   */
  static fromSettings(settings: { key?: string; keys?: string; currentKeyId?: string }): PiiKeyRing {
    const keys: Record<string, Buffer> = {};
    const ringIds: string[] = [];
    for (const entry of (settings.keys ?? '').split(',').filter(Boolean)) {
      const at = entry.indexOf(':');
      if (at <= 0) throw new PiiKeyError('PII_ENCRYPTION_KEYS must be "id:base64,id:base64"');
      const id = entry.slice(0, at).trim();
      keys[id] = Buffer.from(entry.slice(at + 1).trim(), 'base64');
      ringIds.push(id);
    }
    if (settings.key)
      keys[ringIds.length ? 'k1' : (settings.currentKeyId ?? 'k1')] ??= Buffer.from(settings.key, 'base64');
    const currentKeyId =
      settings.currentKeyId ?? ringIds[ringIds.length - 1] ?? (settings.key ? 'k1' : undefined);
    if (!currentKeyId) throw new PiiKeyError('PII_ENCRYPTION_KEY or PII_ENCRYPTION_KEYS must be set');
    return new PiiKeyRing(keys, currentKeyId);
  }

  /** base64(iv | tag | ciphertext); `context` (learner id and field) is authenticated, so a value cannot be moved. */
  seal(plain: string, context: string): { keyId: string; sealed: string } {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), iv);
    cipher.setAAD(Buffer.from(context));
    // GCM adds nothing at final(): iv, tag and ciphertext are laid out in one buffer.
    const body = cipher.update(plain, 'utf8');
    cipher.final();
    const sealed = Buffer.allocUnsafe(28 + body.length);
    iv.copy(sealed, 0);
    cipher.getAuthTag().copy(sealed, 12);
    body.copy(sealed, 28);
    return { keyId: this.currentKeyId, sealed: sealed.toString('base64') };
  }

  open(sealed: string, keyId: string, context: string): string {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  private nextIv(): Buffer {
    if (this.ivOffset + 12 > this.ivPool.length) {
      this.ivPool = randomBytes(12 * 4096);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + 12);
    this.ivOffset += 12;
    return iv;
  }

  private key(id: string): KeyObject {
    const key = this.keys.get(id);
    if (!key) throw new PiiKeyError(`PII key ${id} is not in the key ring`);
    return key;
  }
}
