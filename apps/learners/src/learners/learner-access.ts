import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { DomainError } from '@bdhvs/domain';
import type { Learner } from './domain/learner';
import { RegistryContext } from './registry-context';

export class NotYourLearnerError extends DomainError {
  constructor(id: string) {
    super('not-your-learner', `Learner ${id} was registered by another caller.`);
  }
}

/**
 * Who may reach a learner: a unit officer only within their unit's subtree, a MOOC platform only the
 * learners it registered, province-wide roles every learner.
 */
@Injectable()
export class LearnerAccess {
  constructor(private readonly context: RegistryContext) {}

  async assertCanReach(
    actor: Actor,
    learner: Pick<Learner, 'id' | 'unitCode' | 'villageCode' | 'registeredBy'>,
  ): Promise<void> {
    if (isPlatformOnly(actor) && learner.registeredBy !== actor.sub)
      throw new NotYourLearnerError(learner.id);
    await assertUnitInScope(actor, learner.villageCode ?? learner.unitCode, this.context);
  }

  async assertUnitReachable(actor: Actor, unitCode: string): Promise<void> {
    await assertUnitInScope(actor, unitCode, this.context);
  }
}

/** A caller whose only learner-reading role is mooc-platform. */
export function isPlatformOnly(actor: Actor): boolean {
  return (
    actor.roles.includes('mooc-platform') &&
    !actor.roles.some((r) => r === 'province-admin' || r === 'unit-officer')
  );
}
