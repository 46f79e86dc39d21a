import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { Nomination, NomineeKind, decideApproval } from './domain/nomination';
import {
  NominationExistsError,
  NominationNotApprovableError,
  NominationNotFoundError,
  UnknownNomineeError,
} from './domain/nomination.errors';
import { nominationApproved, nominationProposed } from './nomination.events';
import { NominationRepository } from './nomination.repository';

/** nominateForReward and approveNomination: proposed by an officer of the nominee's unit, approved by another. */
@Injectable()
export class NominateForRewardService {
  constructor(
    private readonly db: Database,
    private readonly nominations: NominationRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async nominate(
    actor: Actor,
    input: { nomineeKind: NomineeKind; nomineeId: string; period: string; reason: string },
    now = new Date(),
  ): Promise<Nomination> {
    const unitCode = await this.nominations.unitOfNominee(input.nomineeKind, input.nomineeId);
    if (!unitCode) throw new UnknownNomineeError(input.nomineeKind);
    await assertCallerReaches(actor, unitCode, this.registry, 'nomineeId');
    const nomination: Nomination = {
      id: randomUUID(),
      ...input,
      unitCode,
      status: 'PROPOSED',
      proposedBy: actor.sub,
      proposedAt: now,
      approvedBy: null,
      approvedAt: null,
    };
    return this.db.transaction(async (tx) => {
      if (await this.nominations.insert(tx, nomination)) {
        await this.outbox.enqueue(tx, nominationProposed(nomination));
        return nomination;
      }
      const existing = await this.nominations.findFor(tx, input.nomineeKind, input.nomineeId, input.period);
      throw new NominationExistsError(existing?.id ?? '');
    });
  }

  /** By a province admin (the level above every commune), never the one who proposed it. */
  async approve(actor: Actor, nominationId: string, now = new Date()): Promise<Nomination> {
    return this.db.transaction(async (tx) => {
      const nomination = await this.nominations.find(tx, nominationId, true);
      if (!nomination) throw new NominationNotFoundError(nominationId);
      const decision = decideApproval(nomination, actor.sub, now);
      if (decision.outcome !== 'approved') throw new NominationNotApprovableError(decision.outcome);
      await this.nominations.approve(tx, decision.nomination);
      await this.outbox.enqueue(
        tx,
        nominationApproved({ ...decision.nomination, approvedBy: actor.sub, approvedAt: now }),
      );
      return decision.nomination;
    });
  }

  async list(actor: Actor, period: string | undefined): Promise<Nomination[]> {
    return this.nominations.list({ unitCodes: actor.unit ? [actor.unit] : undefined, period });
  }
}
