import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  HouseholdRegisteredV1,
  LearnerRegisteredV1,
  LearnerUpdatedV1,
  UnitRegisteredV1,
} from '@bdhvs/events';
import { RecordIdentityStatusService } from '../identity/record-identity-status.service';
import { RegistryRepository } from './registry.repository';

/** Keeps the campaigns service's view of the registry, a batch of events at a time. */
@Injectable()
export class RecordRegistryService {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly identities: RecordIdentityStatusService,
  ) {}

  async recordRegistered(tx: EntityManager, events: LearnerRegisteredV1[]): Promise<void> {
    await this.registry.saveLearners(
      tx,
      events.map((e) => ({
        learnerId: e.learnerId,
        learnerKey: e.learnerKey,
        unitCode: e.unitCode,
        dateOfBirth: e.dateOfBirth || null,
        changedAt: new Date(e.registeredAt),
      })),
    );
    await this.identities.recordFromRegistry(
      tx,
      events.map((e) => ({
        learnerId: e.learnerId,
        learnerKey: e.learnerKey,
        unitCode: e.unitCode,
        vneidStatus: e.vneidStatus,
        digitalBankAccount: e.digitalBankAccount,
        registration: true,
        at: new Date(e.registeredAt),
      })),
    );
  }

  async recordUpdated(tx: EntityManager, events: LearnerUpdatedV1[]): Promise<void> {
    await this.registry.saveLearners(
      tx,
      events.map((e) => ({
        learnerId: e.learnerId,
        learnerKey: e.learnerKey,
        unitCode: e.unitCode,
        dateOfBirth: e.after.dateOfBirth ?? null,
        changedAt: new Date(e.updatedAt),
      })),
    );
    await this.identities.recordFromRegistry(
      tx,
      events.map((e) => ({
        learnerId: e.learnerId,
        learnerKey: e.learnerKey,
        unitCode: e.unitCode,
        vneidStatus: e.after.vneidStatus,
        digitalBankAccount: e.after.digitalBankAccount,
        registration: false,
        at: new Date(e.updatedAt),
      })),
    );
  }

  async recordHouseholds(tx: EntityManager, events: HouseholdRegisteredV1[]): Promise<void> {
    await this.registry.saveHouseholds(
      tx,
      events.map((e) => ({
        householdId: e.householdId,
        unitCode: e.unitCode,
        registeredAt: new Date(e.registeredAt),
      })),
    );
  }

  /** Today's map only: mentors, desks and officers are bounded by 2025 units. */
  async recordUnits(tx: EntityManager, units: UnitRegisteredV1[]): Promise<void> {
    await this.registry.upsertUnits(
      tx,
      units
        .filter((u) => u.map === '2025')
        .map((u) => ({ code: u.code, name: u.name, type: u.type, parentCode: u.parentCode })),
    );
  }
}
