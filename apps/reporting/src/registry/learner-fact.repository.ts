import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { lockKeys } from '@bdhvs/service-runtime';
import { REFRESH_LEARNER_FACTS } from './learner-fact.sql';

/**
 * Keeps `learner_fact`, the one table the indicators read, in step with the projections it is folded from.
 * Every writer of a learner's certificates or profile locks the learner first and refreshes them last, in
 * the same transaction, so two topics applied at once never leave a stale row.
 */
@Injectable()
export class LearnerFactRepository {
  /** Call before writing anything about these learners. */
  lock(tx: EntityManager, learnerKeys: readonly string[]): Promise<void> {
    return lockKeys(tx, learnerKeys);
  }

  async refresh(tx: EntityManager, learnerKeys: readonly string[]): Promise<void> {
    if (learnerKeys.length === 0) return;
    await tx.query(REFRESH_LEARNER_FACTS, [[...new Set(learnerKeys)]]);
  }
}
