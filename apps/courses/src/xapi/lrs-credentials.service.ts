import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Actor } from '@bdhvs/auth';
import { LrsCredentialNotFoundError } from './domain/xapi.errors';
import { LrsCredential, LrsCredentialRepository } from './lrs-credential.repository';
import { sha256Hex } from './xapi-auth.service';

export interface IssuedCredential {
  credential: LrsCredential;
  /** Shown once: only its hash is stored. */
  secret: string;
}

/** createLrsCredential and revokeLrsCredential: the keys MOOC platforms use for HTTP Basic on the LRS. */
@Injectable()
export class LrsCredentialsService {
  constructor(private readonly credentials: LrsCredentialRepository) {}

  async issue(
    actor: Actor,
    input: { mooc: string; label?: string },
    now = new Date(),
  ): Promise<IssuedCredential> {
    const secret = randomBytes(32).toString('hex');
    const credential: LrsCredential = {
      key: `lrs_${randomBytes(8).toString('hex')}`,
      secretSha256: sha256Hex(secret),
      mooc: input.mooc,
      label: input.label ?? input.mooc,
      createdBy: actor.sub,
      createdAt: now,
      revokedAt: null,
    };
    await this.credentials.insert(credential);
    return { credential, secret };
  }

  async revoke(_actor: Actor, key: string, now = new Date()): Promise<void> {
    if (!(await this.credentials.revoke(key, now))) throw new LrsCredentialNotFoundError(key);
  }
}
