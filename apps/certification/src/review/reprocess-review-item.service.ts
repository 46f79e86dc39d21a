import { Injectable } from '@nestjs/common';
import type { Actor } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { ReceiveVneidEventService } from '../certificates/receive-vneid-event.service';
import { ReviewItem, boundedDetail, decideDismissal, decideReprocess } from './domain/review-item';
import {
  ReviewItemNotFoundError,
  ReviewItemReprocessedError,
  ReviewItemStillRefusedError,
} from './domain/review-item.errors';
import { ReviewItemRepository } from './review-item.repository';
import { ReviewQueueService } from './review-queue.service';

/** reprocessReviewItem and dismissReviewItem: a province admin closes an item, once. */
@Injectable()
export class ReprocessReviewItemService {
  constructor(
    private readonly db: Database,
    private readonly items: ReviewItemRepository,
    private readonly queue: ReviewQueueService,
    private readonly receiveVneid: ReceiveVneidEventService,
  ) {}

  /**
   * Applies the item's event again through the one decision of both channels; reprocessing a closed
   * item, or an event applied meanwhile, changes nothing (the eventId is recorded once).
   */
  async reprocess(actor: Actor, id: string, now = new Date()): Promise<ReviewItem> {
    const decision = await this.db.transaction(async (tx) => {
      const stored = await this.items.findForUpdate(tx, id);
      if (!stored) throw new ReviewItemNotFoundError(id);
      let applied: { outcome: string; problems: { field: string; message: string }[] } | null = null;
      if (stored.item.state === 'open' && stored.item.reason === 'dead-lettered') {
        const kept = this.queue.deadLetterEventOf(stored);
        if ('event' in kept) {
          const [result] = await this.receiveVneid.receiveAll(tx, [{ event: kept.event }]);
          applied = { outcome: result.outcome, problems: result.problems };
        } else applied = { outcome: 'rejected', problems: [{ field: 'message', message: kept.problem }] };
      } else if (stored.item.state === 'open') {
        const event = this.queue.eventOf(stored);
        if (event) {
          const [result] = await this.receiveVneid.receiveAll(tx, [{ event }]);
          applied = { outcome: result.outcome, problems: result.problems };
        } else
          applied = {
            outcome: (await this.items.outcomeOfEvent(tx, stored.item.eventId)) ?? 'rejected',
            problems: [],
          };
      }
      const decided = decideReprocess(stored.item, applied);
      if (decided.kind === 'reprocessed')
        await this.items.close(tx, id, {
          state: 'reprocessed',
          outcome: decided.outcome,
          closedBy: actor.sub,
          closedAt: now,
        });
      if (decided.kind === 'still-refused')
        await this.items.setDetail(
          tx,
          id,
          boundedDetail(decided.problems.map((p) => `${p.field}: ${p.message}`).join('; ')),
        );
      return decided;
    });
    if (decision.kind === 'still-refused') throw new ReviewItemStillRefusedError(decision.problems);
    return this.get(id);
  }

  async dismiss(actor: Actor, id: string, reason: string, now = new Date()): Promise<ReviewItem> {
    await this.db.transaction(async (tx) => {
      const stored = await this.items.findForUpdate(tx, id);
      if (!stored) throw new ReviewItemNotFoundError(id);
      const decided = decideDismissal(stored.item);
      if (decided.kind === 'closed') throw new ReviewItemReprocessedError(id);
      if (decided.kind === 'dismiss')
        await this.items.close(tx, id, {
          state: 'dismissed',
          closedBy: actor.sub,
          closedAt: now,
          dismissalReason: reason,
        });
    });
    return this.get(id);
  }

  private async get(id: string): Promise<ReviewItem> {
    const item = await this.items.findById(id);
    if (!item) throw new ReviewItemNotFoundError(id);
    return item;
  }
}
