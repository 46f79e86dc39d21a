import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  HouseholdMemberAddedV1,
  HouseholdRegisteredV1,
  LearnerRegisteredV1,
  LearnerUpdatedV1,
} from '@bdhvs/events';
import { LearnerChange, LearnerProfile, foldProfile } from './domain/learner-profile';
import { RegistryRepository } from './registry.repository';
import { ProjectionVersion } from './projection-version';
import { LearnerFactRepository } from './learner-fact.repository';

export interface Identified<T> {
  id: string;
  data: T;
}

/** Keeps reporting's view of the registry: a batch of the registry's events at a time. */
@Injectable()
export class RecordRegistryService {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly version: ProjectionVersion,
    private readonly facts: LearnerFactRepository,
  ) {}

  recordRegistered(tx: EntityManager, events: Identified<LearnerRegisteredV1>[]): Promise<void> {
    return this.applyChanges(
      tx,
      events.map(({ id, data: e }) => ({
        sourceEventId: id,
        learnerKey: e.learnerKey,
        learnerId: e.learnerId,
        kind: 'registered',
        changedAt: new Date(e.registeredAt),
        fields: {
          unitCode: e.unitCode,
          dateOfBirth: e.dateOfBirth || null,
          birthYear: e.birthYear,
          sex: e.sex,
          ethnicity: e.ethnicity ?? null,
          disability: e.disability,
          poorHousehold: e.poorHousehold,
          groups: e.groups,
          studentLevel: e.studentLevel ?? null,
          householdId: e.householdId ?? null,
        },
      })),
    );
  }

  recordUpdated(tx: EntityManager, events: Identified<LearnerUpdatedV1>[]): Promise<void> {
    return this.applyChanges(
      tx,
      events.map(({ id, data: e }) => ({
        sourceEventId: id,
        learnerKey: e.learnerKey,
        learnerId: e.learnerId,
        kind: 'updated',
        changedAt: new Date(e.updatedAt),
        fields: { ...e.after, unitCode: e.unitCode, ...(e.erased ? { erased: true } : {}) },
      })),
    );
  }

  async recordHouseholds(tx: EntityManager, events: Identified<HouseholdRegisteredV1>[]): Promise<void> {
    await this.registry.recordHouseholds(
      tx,
      events.map(({ id, data: e }) => ({
        householdId: e.householdId,
        unitCode: e.unitCode,
        registeredAt: new Date(e.registeredAt),
        sourceEventId: id,
      })),
    );
    await this.version.bump(tx, { units: events.map((e) => e.data.unitCode) });
  }

  async recordMembers(tx: EntityManager, events: HouseholdMemberAddedV1[]): Promise<void> {
    await this.registry.recordMembers(
      tx,
      events.map((e) => ({
        householdId: e.householdId,
        learnerKey: e.learnerKey,
        addedAt: new Date(e.addedAt),
      })),
    );
    await this.version.bump(tx, { units: events.map((e) => e.unitCode) });
  }

  /** Stores the changes, then folds each touched learner again from all of their changes. */
  private async applyChanges(tx: EntityManager, changes: LearnerChange[]): Promise<void> {
    const keys = [...new Set(changes.map((c) => c.learnerKey))];
    await this.facts.lock(tx, keys);
    await this.registry.recordChanges(tx, changes);
    const byLearner = new Map<string, LearnerChange[]>();
    for (const change of await this.registry.changesOf(tx, keys)) {
      byLearner.set(change.learnerKey, [...(byLearner.get(change.learnerKey) ?? []), change]);
    }
    const profiles = [...byLearner.values()]
      .map((c) => foldProfile(c))
      .filter((p): p is LearnerProfile => p !== null);
    await this.registry.saveProfiles(tx, profiles);
    await this.facts.refresh(tx, keys);
    // Every unit a learner was ever in, and where their certificates are: their counts move from there.
    const units = [...byLearner.values()]
      .flat()
      .flatMap((c) => (c.fields.unitCode ? [c.fields.unitCode as string] : []));
    await this.version.bump(tx, { units, learnerKeys: keys });
  }
}
