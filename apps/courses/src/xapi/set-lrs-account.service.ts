import { Injectable } from '@nestjs/common';
import type { Actor } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { LrsAccountTakenError } from './domain/xapi.errors';
import { LrsCredentialRepository } from './lrs-credential.repository';
import { StatementProgressService } from './statement-progress.service';
import { StatementRepository } from './statement.repository';

export interface LrsAccountLink {
  learnerId: string;
  homePage: string;
  name: string;
  linkedStatements: number;
}

/**
 * lrsAccount: the xAPI account a MOOC uses for a learner. Statements stored before the link, for an
 * agent nobody knew, are linked in the same transaction and applied to the learner's enrolments in
 * storage order (and wait in pending_intake, as REST reports do, while the registry has not told the
 * courses service of the learner).
 */
@Injectable()
export class SetLrsAccountService {
  constructor(
    private readonly db: Database,
    private readonly accounts: LrsCredentialRepository,
    private readonly statements: StatementRepository,
    private readonly progress: StatementProgressService,
  ) {}

  async set(
    actor: Actor,
    learnerId: string,
    account: { homePage: string; name: string },
    now = new Date(),
  ): Promise<LrsAccountLink> {
    return this.db.transaction(async (tx) => {
      const existing = await this.accounts.lockAccount(tx, account.homePage, account.name);
      if (existing && existing.learnerId !== learnerId) throw new LrsAccountTakenError(existing.learnerId);
      await this.accounts.saveAccount(tx, { ...account, learnerId, setBy: actor.sub, setAt: now });
      const linked = await this.statements.link(tx, `${account.homePage}|${account.name}`, learnerId);
      await this.progress.apply(
        tx,
        linked.map((s) => ({ ...s, learnerId })),
        actor.sub,
        now,
      );
      return { learnerId, ...account, linkedStatements: linked.length };
    });
  }
}
