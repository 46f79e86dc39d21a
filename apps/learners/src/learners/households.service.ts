import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { Household, HouseholdStatus, householdStatus } from './domain/household';
import {
  HouseholdNotFoundError,
  InvalidLearnerError,
  LearnerErasedError,
  LearnerNotFoundError,
} from './domain/learner.errors';
import { HouseholdRepository } from './household.repository';
import { LearnerAccess } from './learner-access';
import { householdMemberAdded, householdRegistered, learnerUpdated } from './learner.events';
import { LearnerRepository, LearnerView } from './learner.repository';
import { RegistryContext } from './registry-context';
import { indicatorChanges } from './domain/learner';

export interface HouseholdView extends Household {
  members: LearnerView[];
  status: HouseholdStatus;
}

/** "Gia đình số" households: register, add members, read with the derived status. */
@Injectable()
export class HouseholdsService {
  constructor(
    private readonly db: Database,
    private readonly learners: LearnerRepository,
    private readonly households: HouseholdRepository,
    private readonly access: LearnerAccess,
    private readonly context: RegistryContext,
    private readonly outbox: Outbox,
  ) {}

  async register(
    actor: Actor,
    input: { unitCode: string; villageCode?: string },
    now = new Date(),
  ): Promise<HouseholdView> {
    const ctx = await this.context.load(now);
    const problems = [];
    if (!ctx.communes.has(input.unitCode))
      problems.push({ field: 'unitCode', message: 'unitCode must be a commune or ward of the 2025 map' });
    if (input.villageCode !== undefined && ctx.villages.get(input.villageCode) !== input.unitCode) {
      problems.push({ field: 'villageCode', message: 'villageCode must be a village of unitCode' });
    }
    if (problems.length) throw new InvalidLearnerError(problems);
    await this.access.assertUnitReachable(actor, input.villageCode ?? input.unitCode);
    const household: Household = {
      id: randomUUID(),
      unitCode: input.unitCode,
      villageCode: input.villageCode ?? null,
      headLearnerId: null,
      registeredBy: actor.sub,
      registeredAt: now,
    };
    await this.db.transaction(async (tx) => {
      await this.households.insert(tx, household);
      await this.outbox.enqueue(tx, householdRegistered(household));
    });
    return { ...household, members: [], status: householdStatus([]) };
  }

  async addMember(
    actor: Actor,
    householdId: string,
    learnerId: string,
    head: boolean,
    now = new Date(),
  ): Promise<HouseholdView> {
    await this.db.transaction(async (tx) => {
      const household = await this.households.findById(tx, householdId, true);
      if (!household) throw new HouseholdNotFoundError(householdId);
      await this.access.assertUnitReachable(actor, household.villageCode ?? household.unitCode);
      const before = await this.learners.findById(tx, learnerId, true);
      if (!before) throw new LearnerNotFoundError(learnerId);
      await this.access.assertCanReach(actor, before);
      if (before.erasedAt) throw new LearnerErasedError(learnerId);
      if (before.householdId !== householdId) {
        const after = { ...before, householdId, updatedAt: now };
        await this.learners.update(tx, after);
        await this.outbox.enqueue(tx, learnerUpdated(after, indicatorChanges(before, after)));
      }
      if (head) await this.households.setHead(tx, householdId, learnerId);
      await this.outbox.enqueue(tx, householdMemberAdded(household, before, head, now));
    });
    return this.get(actor, householdId);
  }

  async get(actor: Actor, householdId: string): Promise<HouseholdView> {
    const household = await this.households.findById(this.db.manager, householdId);
    if (!household) throw new HouseholdNotFoundError(householdId);
    await this.access.assertUnitReachable(actor, household.villageCode ?? household.unitCode);
    const members = await this.learners.findByHousehold(householdId);
    await this.db.transaction((tx) =>
      this.learners.recordAccess(
        tx,
        members.map((m) => ({
          learnerId: m.id,
          actorSub: actor.sub,
          actorRoles: actor.roles,
          action: 'read' as const,
          reason: 'household',
        })),
      ),
    );
    return {
      ...household,
      members,
      status: householdStatus(members.map((m) => ({ learnerId: m.id, certified: m.certified }))),
    };
  }
}
