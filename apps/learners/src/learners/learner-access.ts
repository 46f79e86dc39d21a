import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import type { Learner } from './domain/learner';
import type { LearnerImport } from './domain/learner-import';
import { NotYourImportError, NotYourLearnerError } from './domain/learner.errors';
import { RegistryContext } from './registry-context';

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

  /**
   * An import's status: its caller, a province-admin, and the unit officers whose unit holds the unit of
   * the officer who started it.
   */
  async assertCanReadImport(actor: Actor, started: Pick<LearnerImport, 'id' | 'requestedBy' | 'unitCode'>) {
    if (started.requestedBy === actor.sub || actor.roles.includes('province-admin')) return;
    const officer = actor.roles.includes('unit-officer') && actor.unit;
    if (officer && started.unitCode && (await this.context.isWithin(started.unitCode, officer))) return;
    throw new NotYourImportError(started.id);
  }
}

/** A caller whose only learner-reading role is mooc-platform. */
export function isPlatformOnly(actor: Actor): boolean {
  return (
    actor.roles.includes('mooc-platform') &&
    !actor.roles.some((r) => r === 'province-admin' || r === 'unit-officer')
  );
}
