import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { isCommune } from '../registry/domain/campaign-learner';
import { NotACommuneError, UnknownLearnerError } from '../registry/domain/registry.errors';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { DeskHelper } from './domain/ambassador';
import { deskHelperRegistered } from './ambassador.events';
import { AmbassadorRepository } from './ambassador.repository';

/** registerDeskHelper: a learner helps at a commune's public-service desk; once per commune. */
@Injectable()
export class RegisterDeskHelperService {
  constructor(
    private readonly db: Database,
    private readonly ambassadors: AmbassadorRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async register(
    actor: Actor,
    input: { learnerId: string; unitCode: string },
    now = new Date(),
  ): Promise<{ helper: DeskHelper; created: boolean }> {
    if (!isCommune(await this.registry.findUnit(input.unitCode)))
      throw new NotACommuneError('unitCode', input.unitCode);
    await assertCallerReaches(actor, input.unitCode, this.registry, 'unitCode');
    const learner = (await this.registry.findLearners(this.db.manager, [input.learnerId])).get(
      input.learnerId,
    );
    if (!learner) throw new UnknownLearnerError('learnerId', input.learnerId);
    return this.db.transaction(async (tx) => {
      await this.ambassadors.lock(tx, [learner.learnerId]);
      const existing = await this.ambassadors.findHelper(tx, learner.learnerId, input.unitCode);
      if (existing) return { helper: existing, created: false };
      const helper: DeskHelper = {
        id: randomUUID(),
        learnerId: learner.learnerId,
        learnerKey: learner.learnerKey,
        unitCode: input.unitCode,
        registeredBy: actor.sub,
        registeredAt: now,
      };
      await this.ambassadors.insertHelper(tx, helper);
      await this.outbox.enqueue(tx, deskHelperRegistered(helper));
      return { helper, created: true };
    });
  }
}
