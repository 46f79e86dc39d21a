import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database, IdempotencyKeys, requestHash } from '@bdhvs/service-runtime';
import {
  Learner,
  LearnerRegistration,
  awaitsCompletion,
  checkRegistration,
  completeSeenLearner,
  completionHistory,
  newLearner,
} from './domain/learner';
import {
  HouseholdNotFoundError,
  InvalidLearnerError,
  LearnerAlreadyRegisteredError,
} from './domain/learner.errors';
import { HouseholdRepository } from './household.repository';
import { LearnerAccess } from './learner-access';
import { learnerRegistered } from './learner.events';
import { LearnerRepository, LearnerView } from './learner.repository';
import { PersonalDataKeys } from './personal-data';
import { RegistryContext } from './registry-context';

export interface RegisterResult {
  learner: LearnerView;
  /** True when an earlier request with the same Idempotency-Key is answered again. */
  replayed: boolean;
}

const OPERATION = 'registerLearner';

/** registerLearner: checks, seals and stores a learner with its learner-registered event in one transaction. */
@Injectable()
export class RegisterLearnerService {
  constructor(
    private readonly db: Database,
    private readonly learners: LearnerRepository,
    private readonly households: HouseholdRepository,
    private readonly keys: PersonalDataKeys,
    private readonly context: RegistryContext,
    private readonly access: LearnerAccess,
    private readonly outbox: Outbox,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  async register(
    actor: Actor,
    input: LearnerRegistration,
    idempotencyKey?: string,
    now = new Date(),
  ): Promise<RegisterResult> {
    const hash = requestHash(input);
    if (idempotencyKey) {
      const replay = await this.replay(actor, idempotencyKey, hash);
      if (replay) return replay;
    }
    const checked = checkRegistration(input, await this.context.load(now));
    if ('problems' in checked) throw new InvalidLearnerError(checked.problems);
    const registration = checked.registration;
    await this.access.assertUnitReachable(actor, registration.villageCode ?? registration.unitCode);
    const learnerKey = this.keys.learnerKey(registration.citizenId);
    const learner = newLearner(registration, { id: randomUUID(), learnerKey, registeredBy: actor.sub, now });

    const outcome = await this.db
      .transaction(async (tx) => {
        if (learner.householdId && (await this.households.existing(tx, [learner.householdId])).size === 0) {
          throw new HouseholdNotFoundError(learner.householdId);
        }
        let registered: Learner = learner;
        const inserted = await this.learners.insertMany(tx, [learner]);
        if (!inserted.has(learner.id)) {
          const existing = (await this.learners.findByKeys(tx, [learnerKey])).get(learnerKey);
          const stored = existing ? await this.learners.findById(tx, existing.id, true) : null;
          if (!stored || !awaitsCompletion(stored)) return { conflict: existing?.id ?? '', id: null };
          // VNeID made this citizen known first: the registration completes that record.
          registered = completeSeenLearner(stored, registration, { registeredBy: actor.sub, now });
          await this.learners.update(tx, registered);
          await this.learners.recordHistory(tx, completionHistory(registered));
        }
        await this.outbox.enqueue(tx, learnerRegistered(registered));
        if (idempotencyKey) {
          const saved = await this.idempotency.remember(tx, actor.sub, idempotencyKey, {
            operation: OPERATION,
            requestHash: hash,
            status: 201,
            resourceId: registered.id,
          });
          // A concurrent twin stored the key first: undo this one and answer as it did.
          if (!saved) throw new ConcurrentIdempotentRequest();
        }
        return { conflict: null, id: registered.id };
      })
      .catch(async (error) => {
        if (error instanceof ConcurrentIdempotentRequest && idempotencyKey) {
          const replay = await this.replay(actor, idempotencyKey, hash);
          if (replay) return { replay };
        }
        throw error;
      });
    if ('replay' in outcome) return outcome.replay as RegisterResult;
    if (outcome.conflict !== null || outcome.id === null)
      throw new LearnerAlreadyRegisteredError(outcome.conflict ?? '');
    if (outcome.id === learner.id)
      return {
        learner: {
          ...learner,
          certified: (await this.learners.findById(this.db.manager, learner.id))?.certified ?? false,
        },
        replayed: false,
      };
    const completed = await this.learners.findById(this.db.manager, outcome.id);
    if (!completed) throw new LearnerAlreadyRegisteredError(outcome.id);
    return { learner: completed, replayed: false };
  }

  private async replay(actor: Actor, key: string, hash: string): Promise<RegisterResult | null> {
    const stored = await this.idempotency.replayOf(this.db.manager, actor.sub, key, OPERATION, hash);
    if (!stored) return null;
    const learner = await this.learners.findById(this.db.manager, stored.resourceId);
    if (!learner) return null;
    return { learner, replayed: true };
  }
}

class ConcurrentIdempotentRequest extends Error {}
