import { Injectable } from '@nestjs/common';
import type { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import {
  Learner,
  LearnerRegistration,
  awaitsCompletion,
  checkRegistration,
  describedBy,
  erased,
  historyChanges,
  indicatorChanges,
  registrationOf,
} from './domain/learner';
import {
  InvalidLearnerError,
  LearnerAwaitsCompletionError,
  LearnerErasedError,
  LearnerNotFoundError,
} from './domain/learner.errors';
import { HouseholdRepository } from './household.repository';
import { LearnerAccess } from './learner-access';
import { learnerUpdated } from './learner.events';
import { LearnerRepository, LearnerView } from './learner.repository';
import { RegistryContext } from './registry-context';
import { assertMayReveal } from './read-learners.service';

/** A correction: any registration field but the citizen ID, absent = unchanged, null = cleared. */
export type LearnerCorrection = Partial<{
  [K in Exclude<keyof LearnerRegistration, 'citizenId'>]: LearnerRegistration[K] | null;
}>;

/** Corrections (with their history) and the data subject's erasure. */
@Injectable()
export class CorrectLearnerService {
  constructor(
    private readonly db: Database,
    private readonly learners: LearnerRepository,
    private readonly households: HouseholdRepository,
    private readonly access: LearnerAccess,
    private readonly context: RegistryContext,
    private readonly outbox: Outbox,
  ) {}

  async correct(
    actor: Actor,
    id: string,
    correction: LearnerCorrection,
    reason: string,
    now = new Date(),
  ): Promise<LearnerView> {
    const ctx = await this.context.load(now);
    return this.db.transaction(async (tx) => {
      const before = await this.learners.findById(tx, id, true);
      if (!before) throw new LearnerNotFoundError(id);
      await this.access.assertCanReach(actor, before);
      if (before.erasedAt) throw new LearnerErasedError(id);
      if (awaitsCompletion(before)) throw new LearnerAwaitsCompletionError(id);
      const merged: Record<string, unknown> = { ...registrationOf(before) };
      for (const [field, value] of Object.entries(correction)) {
        if (value === null) delete merged[field];
        else if (value !== undefined) merged[field] = value;
      }
      const checked = checkRegistration(merged as unknown as LearnerRegistration, ctx);
      if ('problems' in checked) throw new InvalidLearnerError(checked.problems);
      const reg = checked.registration;
      await this.access.assertUnitReachable(actor, reg.villageCode ?? reg.unitCode);
      const after: Learner = { ...before, ...describedBy(reg), updatedAt: now };
      if (
        after.householdId &&
        after.householdId !== before.householdId &&
        (await this.households.existing(tx, [after.householdId])).size === 0
      ) {
        throw new InvalidLearnerError([
          { field: 'householdId', message: 'householdId names no registered household' },
        ]);
      }
      await this.save(tx, actor, before, after, reason);
      return { ...after, certified: before.certified };
    });
  }

  async erasePersonalData(
    actor: Actor,
    id: string,
    reason: string | undefined,
    now = new Date(),
  ): Promise<LearnerView> {
    assertMayReveal(actor, reason);
    return this.db.transaction(async (tx) => {
      const before = await this.learners.findById(tx, id, true);
      if (!before) throw new LearnerNotFoundError(id);
      if (before.erasedAt) return before;
      const after = erased(before, now);
      await this.save(tx, actor, before, after, reason ?? '');
      await this.learners.recordAccess(tx, [
        {
          learnerId: id,
          actorSub: actor.sub,
          actorRoles: actor.roles,
          action: 'erase',
          reason: reason ?? null,
        },
      ]);
      return { ...after, certified: before.certified };
    });
  }

  /** Key rotation: seals one batch of learners sealed with an older key again, with the current one. */
  reseal(limit = 1000): Promise<{ resealed: number; remaining: number }> {
    return this.db.transaction((tx) => this.learners.resealBatch(tx, limit));
  }

  private async save(
    tx: Parameters<LearnerRepository['update']>[0],
    actor: Actor,
    before: Learner,
    after: Learner,
    reason: string,
  ) {
    await this.learners.update(tx, after);
    const history = historyChanges(before, after);
    if (Object.keys(history.after).length > 0 || after.erasedAt) {
      await this.learners.recordHistory(tx, {
        learnerId: after.id,
        changedBy: actor.sub,
        reason,
        ...history,
      });
    }
    const changes = indicatorChanges(before, after);
    if (Object.keys(changes.after).length > 0 || (after.erasedAt && !before.erasedAt))
      await this.outbox.enqueue(tx, learnerUpdated(after, changes));
  }
}
