import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { VneidCertificationEventV1, learnerKeyOf } from '@bdhvs/events';
import { Outbox } from '@bdhvs/messaging';
import { Database, GroupCommit, SERVICE_CONFIG, TraceContext, currentTrace } from '@bdhvs/service-runtime';
import { CertificationConfig } from '../config/certification-config';
import { VneidEvent, VneidOutcome, decideVneidEvents } from './domain/certificate';
import { maskFullName } from './domain/masked-name';
import { certificateEvent } from './certificate.events';
import { CertificateRepository } from './certificate.repository';

export interface ReceiveResult {
  /** False when this eventId had been received before: nothing was done again. */
  accepted: boolean;
  outcome: VneidOutcome;
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

  constructor(
    private readonly db: Database,
    private readonly certificates: CertificateRepository,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: CertificationConfig,
  ) {
    // Concurrent webhook calls share one transaction; each answer waits for that commit.
    this.webhookCalls = new GroupCommit((items) => this.db.transaction((tx) => this.receiveAll(tx, items)), {
      maxWaitMs: config.VNEID_GROUP_COMMIT_MS,
      maxItems: 1_000,
      maxConcurrent: 4,
    });
  }

  /** One webhook call: stored durably (group-committed with concurrent calls) before it resolves. */
  receive(event: VneidCertificationEventV1): Promise<ReceiveResult> {
    return this.webhookCalls.submit({ event, trace: currentTrace() });
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
    });
    const plan = decideVneidEvents(events, known, randomUUID);
    const recorded = await this.certificates.recordEvents(tx, plan.recorded);
    // Only an adapter sending one eventId for two learners gets here: the caller retries one by one.
    if (recorded.length !== plan.recorded.length) throw new EventRecordedMeanwhile();
    await this.certificates.insertCertificates(tx, plan.newCertificates);
    await this.certificates.markRevoked(tx, plan.revokedStored);
    await this.certificates.setOutcomes(tx, plan.appliedPending, 'revoke');
    const traceOf = new Map(items.map(({ event, trace }) => [event.eventId, trace]));
    await this.outbox.enqueueAll(
      tx,
      plan.changes.map((change) => certificateEvent(change, traceOf.get(change.sourceEventId))),
    );
    return plan.outcomes.map((outcome) => ({ accepted: outcome !== 'duplicate-event', outcome }));
  }
}

class EventRecordedMeanwhile extends Error {
  constructor() {
    super('an eventId of this batch was recorded meanwhile by another transaction');
  }
}
