import { createHash } from 'node:crypto';
import type { Actor } from '@bdhvs/auth';
import { LrsCredentialNotFoundError } from './domain/xapi.errors';
import { LrsCredential, LrsCredentialRepository } from './lrs-credential.repository';
import { LrsCredentialsService } from './lrs-credentials.service';

class InMemoryCredentials {
  readonly rows = new Map<string, LrsCredential>();
  async insert(c: LrsCredential) {
    this.rows.set(c.key, { ...c });
  }
  async revoke(key: string, at: Date) {
    const c = this.rows.get(key);
    if (!c) return null;
    c.revokedAt ??= at;
    return c;
  }
}

const admin: Actor = { sub: 'admin-1', roles: ['province-admin'] };

describe(LrsCredentialsService.name, () => {
  let repo: InMemoryCredentials;
  let sut: LrsCredentialsService;
  beforeEach(() => {
    repo = new InMemoryCredentials();
    sut = new LrsCredentialsService(repo as unknown as LrsCredentialRepository);
  });

  it('issues a key of its MOOC and keeps only the hash of the secret', async () => {
    const { credential, secret } = await sut.issue(
      admin,
      { mooc: 'moodle' },
      new Date('2025-10-01T00:00:00Z'),
    );
    expect(credential.key).toMatch(/^lrs_[0-9a-f]{16}$/);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const stored = repo.rows.get(credential.key) as LrsCredential;
    expect(stored).toMatchObject({ mooc: 'moodle', label: 'moodle', createdBy: 'admin-1', revokedAt: null });
    expect(stored.secretSha256).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('revokes once, keeps the first time, and refuses an unknown key', async () => {
    const { credential } = await sut.issue(admin, { mooc: 'moodle', label: 'Moodle' });
    await sut.revoke(admin, credential.key, new Date('2025-10-02T00:00:00Z'));
    await sut.revoke(admin, credential.key, new Date('2025-10-03T00:00:00Z'));
    expect(repo.rows.get(credential.key)?.revokedAt).toEqual(new Date('2025-10-02T00:00:00Z'));
    await expect(sut.revoke(admin, 'lrs_0000000000000000')).rejects.toBeInstanceOf(
      LrsCredentialNotFoundError,
    );
  });
});
