import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  CertificateIssuedV1,
  CertificateRevokedV1,
  Topics,
  VneidCertificationEventV1,
  learnerKeyOf,
} from '@bdhvs/events';
import { Outbox } from '@bdhvs/messaging';
import { Database, SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { CertificationConfig } from '../config/certification-config';
import { Certificate, VneidDecision, decideCertified, decideRevoked } from './domain/certificate';
import { maskFullName } from './domain/masked-name';
import { CertificateRepository } from './certificate.repository';

export interface ReceiveResult {
  /** False when this eventId had been received before: nothing was done again. */
  accepted: boolean;
  outcome: VneidDecision['kind'] | 'duplicate-event';
}

/**
 * Applies one VNeID event: records it by eventId and applies it in the same transaction, with the
 * resulting certification event in the outbox. Used by the webhook and the Kafka inbound topic alike.
 */
@Injectable()
export class ReceiveVneidEventService {
  constructor(
    private readonly db: Database,
    private readonly certificates: CertificateRepository,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: CertificationConfig,
  ) {}

  async receive(event: VneidCertificationEventV1): Promise<ReceiveResult> {
    try {
      return await this.db.transaction((tx) => this.receiveIn(tx, event));
    } catch (error) {
      if (error instanceof EventRecordedMeanwhile) return { accepted: false, outcome: 'duplicate-event' };
      throw error;
    }
  }

  async receiveIn(tx: EntityManager, event: VneidCertificationEventV1): Promise<ReceiveResult> {
    const learnerKey = learnerKeyOf(event.citizenId, this.config.PII_HASH_KEY);
    // One learner's events are applied one at a time, whichever way they arrive.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [learnerKey]);
    const known = await this.certificates.situation(tx, { ...event, learnerKey });
    if (known.seen) return { accepted: false, outcome: 'duplicate-event' };

    const decision =
      event.type === 'CERTIFIED'
        ? decideCertified(known.sameNumber, known.activeForProgramme)
        : decideRevoked(known.sameNumber);
    if (decision.kind === 'issue') {
      const certificate = await this.issue(tx, event, learnerKey);
      const pending = known.pendingRevocation;
      if (pending) {
        await this.revoke(tx, certificate, pending.occurredAt, pending.reason, pending.eventId);
        await this.certificates.setOutcome(tx, pending.eventId, 'revoke');
      }
    } else if (decision.kind === 'revoke') {
      await this.revoke(
        tx,
        decision.certificate,
        new Date(event.occurredAt),
        event.reason ?? null,
        event.eventId,
      );
    }
    const recorded = await this.certificates.recordEvent(tx, {
      eventId: event.eventId,
      type: event.type,
      certificateNo: event.certificateNo,
      learnerKey,
      occurredAt: new Date(event.occurredAt),
      outcome: decision.kind,
      reason: event.reason ?? null,
    });
    // Only an adapter sending one eventId for two learners gets here: the first one stands.
    if (!recorded) throw new EventRecordedMeanwhile();
    return { accepted: true, outcome: decision.kind };
  }

  private async issue(
    tx: EntityManager,
    event: VneidCertificationEventV1,
    learnerKey: string,
  ): Promise<Certificate> {
    const certificate: Certificate = {
      id: randomUUID(),
      certificateNo: event.certificateNo,
      learnerKey,
      maskedName: maskFullName(event.fullName),
      programme: event.programme,
      unitCode: event.unitCode,
      dateOfBirth: event.dateOfBirth,
      issuedAt: new Date(event.occurredAt),
      revokedAt: null,
      revocationReason: null,
    };
    await this.certificates.insert(tx, certificate);
    await this.outbox.enqueue<CertificateIssuedV1>(tx, {
      topic: Topics.certificateIssued,
      key: learnerKey,
      subject: certificate.certificateNo,
      time: certificate.issuedAt,
      data: {
        certificateId: certificate.id,
        certificateNo: certificate.certificateNo,
        learnerKey,
        programme: certificate.programme,
        unitCode: certificate.unitCode,
        unitMap: '2025',
        dateOfBirth: certificate.dateOfBirth,
        issuedAt: certificate.issuedAt.toISOString(),
        sourceEventId: event.eventId,
      },
    });
    return certificate;
  }

  private async revoke(
    tx: EntityManager,
    certificate: Certificate,
    at: Date,
    reason: string | null,
    sourceEventId: string,
  ) {
    await this.certificates.markRevoked(tx, certificate.id, at, reason);
    await this.outbox.enqueue<CertificateRevokedV1>(tx, {
      topic: Topics.certificateRevoked,
      key: certificate.learnerKey,
      subject: certificate.certificateNo,
      time: at,
      data: {
        certificateId: certificate.id,
        certificateNo: certificate.certificateNo,
        learnerKey: certificate.learnerKey,
        programme: certificate.programme,
        unitCode: certificate.unitCode,
        revokedAt: at.toISOString(),
        ...(reason ? { reason } : {}),
        sourceEventId,
      },
    });
  }
}

class EventRecordedMeanwhile extends Error {}
