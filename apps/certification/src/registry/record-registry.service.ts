import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LearnerRegisteredV1, LearnerUpdatedV1, UnitRegisteredV1 } from '@bdhvs/events';
import { RegistryRepository } from './registry.repository';

/** Keeps certification's own view of the registry's units and learners, from the registry's events. */
@Injectable()
export class RecordRegistryService {
  constructor(private readonly registry: RegistryRepository) {}

  async recordUnits(tx: EntityManager, events: UnitRegisteredV1[]): Promise<void> {
    // A VNeID event names a commune or ward of the 2025 map; former units are not certified into.
    await this.registry.upsertUnits(
      tx,
      events
        .filter((u) => u.map === '2025')
        .map((u) => ({ code: u.code, name: u.name, parentCode: u.parentCode ?? null })),
    );
  }

  async recordLearners(tx: EntityManager, events: (LearnerRegisteredV1 | LearnerUpdatedV1)[]): Promise<void> {
    await this.registry.upsertLearners(
      tx,
      events.map((e) => ({
        learnerId: e.learnerId,
        learnerKey: e.learnerKey,
        unitCode: e.unitCode,
        asOf: new Date('registeredAt' in e ? e.registeredAt : e.updatedAt),
      })),
    );
  }
}
