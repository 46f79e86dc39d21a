import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { isCommune } from '../registry/domain/campaign-learner';
import { NotACommuneError, UnknownLearnerError } from '../registry/domain/registry.errors';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { Mentor } from './domain/ambassador';
import { MentorUnitMismatchError } from './domain/ambassador.errors';
import { mentorRegistered } from './ambassador.events';
import { AmbassadorRepository } from './ambassador.repository';

export interface NewMentor {
  learnerId: string;
  unitCode: string;
  campaignId: string | null;
  account: string | null;
}

/** registerMentor: a registered learner of a commune becomes one of its mentors; once. */
@Injectable()
export class RegisterMentorService {
  constructor(
    private readonly db: Database,
    private readonly ambassadors: AmbassadorRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async register(
    actor: Actor,
    input: NewMentor,
    now = new Date(),
  ): Promise<{ mentor: Mentor; created: boolean }> {
    if (!isCommune(await this.registry.findUnit(input.unitCode)))
      throw new NotACommuneError('unitCode', input.unitCode);
    await assertCallerReaches(actor, input.unitCode, this.registry, 'unitCode');
    const learner = (await this.registry.findLearners(this.db.manager, [input.learnerId])).get(
      input.learnerId,
    );
    if (!learner) throw new UnknownLearnerError('learnerId', input.learnerId);
    if (!(await this.registry.isWithin(learner.unitCode, input.unitCode)))
      throw new MentorUnitMismatchError(input.unitCode);
    return this.db.transaction(async (tx) => {
      await this.ambassadors.lock(tx, [learner.learnerId]);
      const existing = await this.ambassadors.mentorOfLearner(tx, learner.learnerId);
      if (existing) return { mentor: existing, created: false };
      const mentor: Mentor = {
        id: randomUUID(),
        learnerId: learner.learnerId,
        learnerKey: learner.learnerKey,
        unitCode: input.unitCode,
        campaignId: input.campaignId,
        account: input.account,
        registeredBy: actor.sub,
        registeredAt: now,
      };
      await this.ambassadors.insertMentor(tx, mentor);
      await this.outbox.enqueue(tx, mentorRegistered(mentor));
      return { mentor, created: true };
    });
  }
}
