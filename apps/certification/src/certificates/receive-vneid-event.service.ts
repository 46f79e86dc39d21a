import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { HandoverKeyRing, Topics, VneidCertificationEventV1, learnerKeyOf } from '@bdhvs/events';
import { Outbox } from '@bdhvs/messaging';
import { Database, GroupCommit, SERVICE_CONFIG, TraceContext, currentTrace } from '@bdhvs/service-runtime';
import { CertificationConfig } from '../config/certification-config';
import { RegistryRepository } from '../registry/registry.repository';
import { CertificationRequestRepository } from '../requests/certification-request.repository';
import { ReviewQueueService } from '../review/review-queue.service';
import {
  FieldProblem,
  VneidEvent,
  VneidOutcome,
  certificatesOfUnknownLearners,
  decideVneidEvents,
} from './domain/certificate';
import { VneidEventRejectedError } from './domain/certificate.errors';
import { maskFullName } from './domain/masked-name';
import { certificateEvent } from './certificate.events';
import { CertificateRepository } from './certificate.repository';
import { learnerSeenEvent } from './learner-seen.events';

export interface ReceiveResult {
  /** False when this eventId had been received before: nothing was done again. */
  accepted: boolean;
  outcome: VneidOutcome;
  /** Why it was refused (outcome `rejected`): nothing of it was stored. */
  problems: FieldProblem[];
}

export interface ReceivedVneidEvent {
  event: VneidCertificationEventV1;
  /** The trace of the call or message that brought it; its certificate events continue it. */
  trace?: TraceContext;
}

/**
 * Applies VNeID events as a set, whichever channel brought them: one query loads what the batch is
 * decided on, `decideVneidEvents` decides it in order, and a handful of multi-row statements store the
 * certificates, the event records and the outbox rows in the caller's transaction.
 */
@Injectable()
export class ReceiveVneidEventService {
  private readonly webhookCalls: GroupCommit<ReceivedVneidEvent, ReceiveResult>;
  private readonly programmes: ReadonlySet<string>;
  private readonly handover: HandoverKeyRing;

  constructor(
    private readonly db: Database,
    private readonly certificates: CertificateRepository,
    private readonly registry: RegistryRepository,
    private readonly requests: CertificationRequestRepository,
    private readonly review: ReviewQueueService,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: CertificationConfig,
  ) {
    this.programmes = new Set(config.VNEID_PROGRAMMES);
    this.handover = new HandoverKeyRing(config.VNEID_HANDOVER_KEYS);
    // Concurrent webhook calls share one transaction; each answer waits for that commit.
    this.webhookCalls = new GroupCommit((items) => this.db.transaction((tx) => this.receiveAll(tx, items)), {
      maxWaitMs: config.VNEID_GROUP_COMMIT_MS,
      maxItems: 1_000,
      maxConcurrent: 4,
    });
  }

  /**
   * One webhook call: stored durably (group-committed with concurrent calls) before it resolves; a
   * refused event fails with the fields that are wrong.
   */
  async receive(event: VneidCertificationEventV1): Promise<ReceiveResult> {
    const result = await this.webhookCalls.submit({ event, trace: currentTrace() });
    if (result.outcome === 'rejected') throw new VneidEventRejectedError(result.problems);
    return result;
  }

  /**
   * A batch from the inbound topic, in the inbox's transaction. A refused event is kept in the review
   * queue with its reason, in the same transaction, and its neighbours are applied: nothing is dropped,
   * and a province admin reprocesses it once the cause is fixed.
   */
  async receiveFromTopic(tx: EntityManager, items: ReceivedVneidEvent[]): Promise<void> {
    const results = await this.receiveAll(tx, items);
    await this.review.keepRefused(
      tx,
      Topics.vneidCertificationEvents,
      items.flatMap(({ event }, i) =>
        results[i].outcome === 'rejected' ? [{ event, problems: results[i].problems }] : [],
      ),
    );
  }

  async receiveAll(tx: EntityManager, items: ReceivedVneidEvent[]): Promise<ReceiveResult[]> {
    const events: VneidEvent[] = items.map(({ event }) => ({
      eventId: event.eventId,
      type: event.type,
      occurredAt: new Date(event.occurredAt),
      learnerKey: learnerKeyOf(event.citizenId, this.config.PII_HASH_KEY),
      maskedName: maskFullName(event.fullName),
      dateOfBirth: event.dateOfBirth,
      unitCode: event.unitCode,
      programme: event.programme,
      certificateNo: event.certificateNo,
      reason: event.reason ?? null,
    }));
    const learnerKeys = events.map((e) => e.learnerKey);
    await this.certificates.lockLearners(tx, learnerKeys);
    const known = await this.certificates.knownState(tx, {
      eventIds: events.map((e) => e.eventId),
      certificateNos: events.map((e) => e.certificateNo),
      learnerKeys,
      unitCodes: events.map((e) => e.unitCode),
    });
    const plan = decideVneidEvents(
      events,
      known,
      { now: new Date(), programmes: this.programmes },
      randomUUID,
    );
    const recorded = await this.certificates.recordEvents(tx, plan.recorded);
    // Only an adapter sending one eventId for two learners gets here: the caller retries one by one.
    if (recorded.length !== plan.recorded.length) throw new EventRecordedMeanwhile();
    await this.certificates.insertCertificates(tx, plan.newCertificates);
    // VNeID's answer to a request of ours is the certificate of that learner and programme.
    await this.requests.confirm(tx, plan.newCertificates);
    await this.certificates.markRevoked(tx, plan.revokedStored);
    await this.certificates.setOutcomes(tx, plan.appliedPending, 'revoke');
    const traceOf = new Map(items.map(({ event, trace }) => [event.eventId, trace]));
    const sourceOf = new Map(items.map(({ event }) => [event.eventId, event]));
    // A citizen the registry never announced is handed over to it, sealed, to be registered there.
    const unknown = certificatesOfUnknownLearners(
      plan.changes,
      await this.registry.knownLearnerKeys(
        tx,
        plan.newCertificates.map((c) => c.learnerKey),
      ),
    );
    await this.outbox.enqueueAll<object>(tx, [
      ...plan.changes.map((change) => certificateEvent(change, traceOf.get(change.sourceEventId))),
      ...unknown.map(({ certificate, sourceEventId }) => {
        const source = sourceOf.get(sourceEventId) as VneidCertificationEventV1;
        return learnerSeenEvent(
          certificate,
          { citizenId: source.citizenId, fullName: source.fullName },
          sourceEventId,
          this.handover,
          traceOf.get(sourceEventId),
        );
      }),
    ]);
    return plan.outcomes.map((outcome, i) => ({
      accepted: outcome !== 'duplicate-event',
      outcome,
      problems: plan.problems[i],
    }));
  }
}

class EventRecordedMeanwhile extends Error {
  constructor() {
    super('an eventId of this batch was recorded meanwhile by another transaction');
  }
}
