import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { HandoverKeyRing, VneidCertificationEventV1, learnerKeyOf } from '@bdhvs/events';
import { SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { CertificationConfig } from '../config/certification-config';
import { FieldProblem, reviewReasonOf } from './domain/review-item';
import { ReviewItemRepository, StoredReviewItem } from './review-item.repository';

/**
 * Keeps events that could not be applied, with their reason, for a province admin: nothing refused on
 * the Kafka channel is dropped. The event itself (it holds a citizen ID) is kept sealed.
 */
@Injectable()
export class ReviewQueueService {
  private readonly ring: HandoverKeyRing;

  constructor(
    private readonly items: ReviewItemRepository,
    @Inject(SERVICE_CONFIG) private readonly config: CertificationConfig,
  ) {
    this.ring = new HandoverKeyRing(config.VNEID_HANDOVER_KEYS);
  }

  /** Events refused on arrival from `topic`, in the caller's transaction (the inbox's). */
  async keepRefused(
    tx: EntityManager,
    topic: string,
    refused: { event: VneidCertificationEventV1; problems: FieldProblem[] }[],
    now = new Date(),
  ): Promise<void> {
    await this.items.insertMany(
      tx,
      refused.map(({ event, problems }) => {
        const id = randomUUID();
        const sealed = this.ring.sealText(JSON.stringify(event), id);
        return {
          id,
          ...reviewReasonOf(problems),
          state: 'open',
          topic,
          eventId: event.eventId,
          eventType: event.type,
          certificateNo: event.certificateNo,
          learnerKey: learnerKeyOf(event.citizenId, this.config.PII_HASH_KEY),
          unitCode: event.unitCode,
          programme: event.programme,
          occurredAt: new Date(event.occurredAt),
          payloadSealed: sealed.sealed,
          payloadKeyId: sealed.sealedKeyId,
          createdAt: now,
          outcome: null,
          closedAt: null,
          closedBy: null,
          dismissalReason: null,
        };
      }),
    );
  }

  /** The event an item keeps, opened; null for an item that keeps none (an overdue revocation). */
  eventOf(stored: StoredReviewItem): VneidCertificationEventV1 | null {
    if (!stored.payloadSealed || !stored.payloadKeyId) return null;
    return JSON.parse(
      this.ring.openText(stored.payloadSealed, stored.payloadKeyId, stored.item.id),
    ) as VneidCertificationEventV1;
  }
}
