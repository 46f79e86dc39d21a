import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { UnknownLearnerError } from '../registry/domain/registry.errors';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import {
  IdentityRecord,
  RegistryIdentity,
  VneidStatus,
  checkHelperRecord,
  registryIdentityRecords,
} from './domain/identity';
import { InvalidIdentityRecordError } from './domain/identity.errors';
import { identityStatusRecorded } from './identity.events';
import { IdentityNow, IdentityRepository } from './identity.repository';

export interface HelperRecordInput {
  learnerId: string;
  vneidStatus?: VneidStatus;
  digitalBankAccount?: boolean;
}

/** recordIdentityStatus, and the statuses the registry tells of: one record and one event each. */
@Injectable()
export class RecordIdentityStatusService {
  constructor(
    private readonly db: Database,
    private readonly identities: IdentityRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  /** A helper records, with the learner's consent, what they helped the learner set up. */
  async record(actor: Actor, input: HelperRecordInput, now = new Date()): Promise<IdentityNow> {
    const problems = checkHelperRecord(input);
    if (problems.length > 0) throw new InvalidIdentityRecordError(problems);
    const learner = (await this.registry.findLearners(this.db.manager, [input.learnerId])).get(
      input.learnerId,
    );
    if (!learner) throw new UnknownLearnerError('learnerId', input.learnerId);
    await assertCallerReaches(actor, learner.unitCode, this.registry, 'learnerId');
    const record: IdentityRecord = {
      id: randomUUID(),
      learnerId: learner.learnerId,
      learnerKey: learner.learnerKey,
      unitCode: learner.unitCode,
      vneidStatus: input.vneidStatus ?? null,
      digitalBankAccount: input.digitalBankAccount ?? null,
      source: 'HELPER',
      recordedBy: actor.sub,
      recordedAt: now,
    };
    await this.db.transaction((tx) => this.save(tx, [record]));
    return this.identities.current(learner.learnerId);
  }

  /** In the registry consumer's transaction: the inbox makes a redelivered registry event change nothing. */
  async recordFromRegistry(tx: EntityManager, changes: RegistryIdentity[]): Promise<void> {
    await this.save(tx, registryIdentityRecords(changes, randomUUID));
  }

  /** getIdentityStatus: a learner of the caller's unit. */
  async get(actor: Actor, learnerId: string): Promise<IdentityNow> {
    const learner = (await this.registry.findLearners(this.db.manager, [learnerId])).get(learnerId);
    if (!learner) throw new UnknownLearnerError('learnerId', learnerId);
    await assertCallerReaches(actor, learner.unitCode, this.registry, 'learnerId');
    return this.identities.current(learnerId);
  }

  private async save(tx: EntityManager, records: IdentityRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.identities.insert(tx, records);
    await this.outbox.enqueueAll(tx, records.map(identityStatusRecorded));
  }
}
