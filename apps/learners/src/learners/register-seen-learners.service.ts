import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { HandoverKeyError, HandoverKeyRing, LearnerSeenV1 } from '@bdhvs/events';
import { RejectedEventError } from '@bdhvs/messaging';
import { SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { LearnersConfig } from '../config/learners-config';
import { Learner, seenLearner } from './domain/learner';
import { LearnerRepository } from './learner.repository';
import { PersonalDataKeys } from './personal-data';

/**
 * Registers the citizens VNeID certified and the registry did not know, as a set: opened with the
 * handover key ring, checked against their learner key, sealed with the registry's own keys and
 * blind-indexed like every learner. A learner key already registered is left as it is, so a
 * redelivery, a replay or a second certificate changes nothing.
 */
@Injectable()
export class RegisterSeenLearnersService {
  private readonly handover: HandoverKeyRing;

  constructor(
    private readonly learners: LearnerRepository,
    private readonly keys: PersonalDataKeys,
    @Inject(SERVICE_CONFIG) config: LearnersConfig,
  ) {
    this.handover = new HandoverKeyRing(config.VNEID_HANDOVER_KEYS);
  }

  async registerAll(tx: EntityManager, events: LearnerSeenV1[], now = new Date()): Promise<void> {
    const learners: Learner[] = [];
    for (const e of events) {
      const learner = this.learnerOf(e, now);
      // The inbox applies the batch again one by one and dead-letters only this event, with the reason.
      if ('problem' in learner) throw new RejectedEventError(`rejected: ${learner.problem}`);
      learners.push(learner.learner);
    }
    const first = new Map<string, Learner>();
    for (const l of learners) if (!first.has(l.learnerKey)) first.set(l.learnerKey, l);
    await this.learners.insertMany(tx, [...first.values()]);
  }

  private learnerOf(e: LearnerSeenV1, now: Date): { learner: Learner } | { problem: string } {
    let identity: { citizenId: string; fullName: string };
    try {
      identity = this.handover.open(e.sealed, e.sealedKeyId, e.learnerKey);
    } catch (error) {
      if (error instanceof HandoverKeyError) return { problem: `sealed: ${error.message}` };
      throw error;
    }
    if (this.keys.learnerKey(identity.citizenId) !== e.learnerKey)
      return { problem: 'learnerKey: is not the blind index of the sealed citizen ID' };
    return seenLearner(
      { ...identity, dateOfBirth: e.dateOfBirth, unitCode: e.unitCode },
      { id: randomUUID(), learnerKey: e.learnerKey, now: new Date(e.seenAt ?? now) },
    );
  }
}
