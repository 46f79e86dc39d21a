import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { HandoverKeyRing, Topics, VneidCertificationEventV1, learnerKeyOf } from '@bdhvs/events';
import {
  DeadLetter,
  InboxTransport,
  StoredMessage,
  decodeStoredMessage,
  storedMessage,
} from '@bdhvs/messaging';
import { SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { CertificationConfig } from '../config/certification-config';
import {
  FieldProblem,
  MAX_EVENT_ID_LENGTH,
  ReviewReason,
  boundedDetail,
  reviewReasonOf,
} from './domain/review-item';
import { ReviewItemEntity } from './review-item.entity';
import { ReviewItemRepository, StoredReviewItem } from './review-item.repository';

/**
 * Keeps events that could not be applied, with their reason, for a province admin: nothing refused on
 * the Kafka channel, nor any dead letter of the VNeID topic, is dropped. The event itself (it holds a
 * citizen ID) is kept sealed.
 */
@Injectable()
export class ReviewQueueService implements OnModuleInit {
  private readonly ring: HandoverKeyRing;

  constructor(
    private readonly items: ReviewItemRepository,
    private readonly inbox: InboxTransport,
    @Inject(SERVICE_CONFIG) private readonly config: CertificationConfig,
  ) {
    this.ring = new HandoverKeyRing(config.VNEID_HANDOVER_KEYS);
  }

  onModuleInit(): void {
    this.inbox.keepDeadLetters(Topics.vneidCertificationEvents, (tx, letter) =>
      this.keepDeadLetter(tx, letter),
    );
  }

  /**
   * A message of the VNeID topic on its way to the DLQ: kept with its reason and, when it decodes, what
   * identifies its event; the message itself sealed, to be decoded again by `reprocessReviewItem`.
   */
  async keepDeadLetter(
    tx: EntityManager,
    { topic, partition, message, reason }: DeadLetter,
    now = new Date(),
  ) {
    const kept = storedMessage(partition, message);
    const event = this.decodedOrNull(kept);
    const eventId =
      event?.eventId ??
      eventIdIn(kept.value) ??
      usableEventId(kept.headers['ce_id']) ??
      `${topic}/${partition}@${message.offset}`;
    await this.items.keepDeadLetter(
      tx,
      this.openItem({ reason: 'dead-lettered', detail: reason }, topic, eventId, event, kept, now),
    );
  }

  /** The VNeID event a dead-lettered item keeps, decoded as the inbox decodes; why not, when it cannot be. */
  deadLetterEventOf(stored: StoredReviewItem): { event: VneidCertificationEventV1 } | { problem: string } {
    if (!stored.payloadSealed || !stored.payloadKeyId) return { problem: 'the item keeps no message' };
    const kept = JSON.parse(
      this.ring.openText(stored.payloadSealed, stored.payloadKeyId, stored.item.id),
    ) as StoredMessage;
    try {
      const { data } = decodeStoredMessage(Topics.vneidCertificationEvents, kept);
      return { event: data as VneidCertificationEventV1 };
    } catch (error) {
      return { problem: (error as Error).message };
    }
  }

  private decodedOrNull(kept: StoredMessage): VneidCertificationEventV1 | null {
    try {
      return decodeStoredMessage(Topics.vneidCertificationEvents, kept).data as VneidCertificationEventV1;
    } catch {
      return null;
    }
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
      refused.map(({ event, problems }) =>
        this.openItem(reviewReasonOf(problems), topic, event.eventId, event, event, now),
      ),
    );
  }

  /** A new open item: the event's non-identifying fields (nulls without one), `kept` sealed under its id. */
  private openItem(
    why: { reason: ReviewReason; detail: string },
    topic: string,
    eventId: string,
    event: VneidCertificationEventV1 | null,
    kept: object,
    now: Date,
  ): ReviewItemEntity {
    const id = randomUUID();
    const sealed = this.ring.sealText(JSON.stringify(kept), id);
    return {
      id,
      reason: why.reason,
      detail: boundedDetail(why.detail),
      state: 'open',
      topic,
      eventId,
      eventType: event?.type ?? null,
      certificateNo: event?.certificateNo ?? null,
      learnerKey: event ? learnerKeyOf(event.citizenId, this.config.PII_HASH_KEY) : null,
      unitCode: event?.unitCode ?? null,
      programme: event?.programme ?? null,
      occurredAt: event ? new Date(event.occurredAt) : null,
      payloadSealed: sealed.sealed,
      payloadKeyId: sealed.sealedKeyId,
      createdAt: now,
      outcome: null,
      closedAt: null,
      closedBy: null,
      dismissalReason: null,
    };
  }

  /** The event an item keeps, opened; null for an item that keeps none (an overdue revocation). */
  eventOf(stored: StoredReviewItem): VneidCertificationEventV1 | null {
    if (!stored.payloadSealed || !stored.payloadKeyId) return null;
    return JSON.parse(
      this.ring.openText(stored.payloadSealed, stored.payloadKeyId, stored.item.id),
    ) as VneidCertificationEventV1;
  }
}

/** The adapter's `eventId` of a message that is JSON but not a valid event, when it has a usable one. */
function eventIdIn(value: string | null): string | undefined {
  try {
    const parsed: unknown = JSON.parse(value ?? '');
    return usableEventId((parsed as { eventId?: unknown } | null)?.eventId);
  } catch {
    return undefined;
  }
}

/** `id` when it is printable ASCII of at most MAX_EVENT_ID_LENGTH characters. */
function usableEventId(id: unknown): string | undefined {
  return typeof id === 'string' && /^[\x21-\x7e]+$/.test(id) && id.length <= MAX_EVENT_ID_LENGTH
    ? id
    : undefined;
}
