import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LearnerRegisteredV1, LearnerUpdatedV1, UnitRegisteredV1 } from '@bdhvs/events';
import { RecordProgressService } from '../enrolments/record-progress.service';
import { CourseLearner, LearnerChange, foldLearner } from './domain/course-learner';
import { RegistryRepository } from './registry.repository';

export interface Identified<T> {
  id: string;
  data: T;
}

/**
 * Keeps the courses service's view of the registry, a batch of events at a time, and applies what waited
 * for the learners it learns of.
 */
@Injectable()
export class RecordRegistryService {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly progress: RecordProgressService,
  ) {}

  recordRegistered(tx: EntityManager, events: Identified<LearnerRegisteredV1>[]): Promise<void> {
    return this.applyChanges(
      tx,
      events.map(({ id, data: e }) => ({
        sourceEventId: id,
        learnerId: e.learnerId,
        learnerKey: e.learnerKey,
        kind: 'registered',
        changedAt: new Date(e.registeredAt),
        fields: {
          unitCode: e.unitCode,
          groups: e.groups,
          studentLevel: e.studentLevel ?? null,
          ethnicity: e.ethnicity ?? null,
          disability: e.disability,
          dateOfBirth: e.dateOfBirth || null,
          birthYear: e.birthYear,
        },
      })),
    );
  }

  recordUpdated(tx: EntityManager, events: Identified<LearnerUpdatedV1>[]): Promise<void> {
    return this.applyChanges(
      tx,
      events.map(({ id, data: e }) => ({
        sourceEventId: id,
        learnerId: e.learnerId,
        learnerKey: e.learnerKey,
        kind: 'updated',
        changedAt: new Date(e.updatedAt),
        fields: {
          groups: e.after.groups,
          studentLevel: e.after.studentLevel,
          ethnicity: e.after.ethnicity,
          disability: e.after.disability,
          dateOfBirth: e.after.dateOfBirth,
          birthYear: e.after.birthYear,
          unitCode: e.unitCode,
          ...(e.erased ? { erased: true } : {}),
        },
      })),
    );
  }

  /** Today's map only: classes and officers are bounded by 2025 units. */
  async recordUnits(tx: EntityManager, units: UnitRegisteredV1[]): Promise<void> {
    await this.registry.upsertUnits(
      tx,
      units
        .filter((u) => u.map === '2025')
        .map((u) => ({ code: u.code, name: u.name, type: u.type, parentCode: u.parentCode })),
    );
  }

  /** Stores the changes, folds each touched learner again from all of theirs, then applies what waited. */
  private async applyChanges(tx: EntityManager, changes: LearnerChange[]): Promise<void> {
    const ids = [...new Set(changes.map((c) => c.learnerId))];
    await this.registry.lockLearners(tx, ids);
    await this.registry.recordChanges(tx, changes);
    const byLearner = new Map<string, LearnerChange[]>();
    for (const change of await this.registry.changesOf(tx, ids)) {
      byLearner.set(change.learnerId, [...(byLearner.get(change.learnerId) ?? []), change]);
    }
    const learners = [...byLearner.values()]
      .map((c) => foldLearner(c))
      .filter((l): l is CourseLearner => l !== null);
    await this.registry.saveLearners(tx, learners);
    await this.registry.scrubErased(
      tx,
      learners.filter((l) => l.erased).map((l) => l.learnerId),
    );
    await this.progress.applyWaiting(tx, ids);
  }
}
