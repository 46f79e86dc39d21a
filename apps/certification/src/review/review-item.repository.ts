import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { ReviewItem, ReviewReason, ReviewState } from './domain/review-item';
import { ReviewItemEntity } from './review-item.entity';

export interface ReviewFilter {
  reason?: ReviewReason;
  state?: ReviewState;
  from?: Date;
  to?: Date;
}

export interface StoredReviewItem {
  item: ReviewItem;
  payloadSealed: string | null;
  payloadKeyId: string | null;
}

/** The only code that knows the review_item table. */
@Injectable()
export class ReviewItemRepository {
  private readonly items: EntityTable<ReviewItemEntity>;

  constructor(private readonly db: Database) {
    this.items = EntityTable.of(db.dataSource, ReviewItemEntity);
  }

  /** Adds the items not kept before (one per event and reason, whatever is redelivered). */
  async insertMany(tx: EntityManager, items: ReviewItemEntity[]): Promise<void> {
    if (items.length === 0) return;
    await this.items.insertMany(tx, items, { onConflict: '(event_id, reason) DO NOTHING' });
  }

  /**
   * Keeps every revocation still waiting for its certificate since before `receivedBefore`, and closes
   * the items of those whose certificate has arrived since; two statements whatever their number.
   */
  async sweepOverdueRevocations(tx: EntityManager, receivedBefore: Date, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO review_item (id, reason, detail, state, topic, event_id, event_type, certificate_no, learner_key,
                                occurred_at, created_at)
       SELECT gen_random_uuid(), 'revocation-overdue',
              'the certificate this revocation names has not arrived since ' || to_char(e.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
              'open', 'vneid.certification-events.v1', e.event_id, e.type, e.certificate_no, e.learner_key, e.occurred_at, $2
         FROM vneid_event e
        WHERE e.outcome = 'revocation-pending' AND e.received_at < $1
       ON CONFLICT (event_id, reason) DO NOTHING`,
      [receivedBefore, now],
    );
    await tx.query(
      `UPDATE review_item r SET state = 'reprocessed', outcome = e.outcome, closed_at = $1, closed_by = 'certification'
         FROM vneid_event e
        WHERE r.reason = 'revocation-overdue' AND r.state = 'open' AND e.event_id = r.event_id
          AND e.outcome <> 'revocation-pending'`,
      [now],
    );
  }

  /**
   * Keeps a dead letter; one that comes back after its item was closed (redriven and dead-lettered
   * again) opens that item again with the new reason.
   */
  async keepDeadLetter(tx: EntityManager, item: ReviewItemEntity): Promise<void> {
    await this.items.insertMany(tx, [item], {
      // The kept message stays the first one: it is sealed under that item's id.
      onConflict: `(event_id, reason) DO UPDATE SET state = 'open', detail = EXCLUDED.detail,
        outcome = NULL, closed_at = NULL, closed_by = NULL, dismissal_reason = NULL`,
    });
  }

  /** What became of a recorded VNeID event (null when it was never recorded). */
  async outcomeOfEvent(tx: EntityManager, eventId: string): Promise<string | null> {
    const [row] = await tx.query('SELECT outcome FROM vneid_event WHERE event_id = $1', [eventId]);
    return (row?.outcome as string | undefined) ?? null;
  }

  async findForUpdate(tx: EntityManager, id: string): Promise<StoredReviewItem | null> {
    const [row]: ReviewItemEntity[] = await tx.query(
      `SELECT ${this.items.select('r')} FROM review_item r WHERE r.id = $1 FOR UPDATE`,
      [id],
    );
    return row
      ? { item: this.toDomain(row), payloadSealed: row.payloadSealed, payloadKeyId: row.payloadKeyId }
      : null;
  }

  async findById(id: string): Promise<ReviewItem | null> {
    const [row]: ReviewItemEntity[] = await this.db.manager.query(
      `SELECT ${this.items.select('r')} FROM review_item r WHERE r.id = $1`,
      [id],
    );
    return row ? this.toDomain(row) : null;
  }

  async close(
    tx: EntityManager,
    id: string,
    close: {
      state: ReviewState;
      outcome?: string;
      closedBy: string;
      closedAt: Date;
      dismissalReason?: string;
    },
  ): Promise<void> {
    await tx.query(
      `UPDATE review_item SET state = $2, outcome = coalesce($3, outcome), closed_by = $4, closed_at = $5,
              dismissal_reason = $6 WHERE id = $1`,
      [id, close.state, close.outcome ?? null, close.closedBy, close.closedAt, close.dismissalReason ?? null],
    );
  }

  async setDetail(tx: EntityManager, id: string, detail: string): Promise<void> {
    await tx.query('UPDATE review_item SET detail = $2 WHERE id = $1', [id, detail]);
  }

  async list(
    filter: ReviewFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: ReviewItem[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.reason) where.push(`r.reason = ${param(filter.reason)}`);
    if (filter.state) where.push(`r.state = ${param(filter.state)}`);
    if (filter.from) where.push(`r.created_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`r.created_at < ${param(filter.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: string }[] = await this.db.manager.query(
      `SELECT count(*) AS total FROM review_item r ${clause}`,
      params,
    );
    const rows: ReviewItemEntity[] = await this.db.manager.query(
      `SELECT ${this.items.select('r')} FROM review_item r ${clause}
        ORDER BY r.created_at, r.id LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
      params,
    );
    return { items: rows.map((r) => this.toDomain(r)), total: Number(total) };
  }

  private toDomain(r: ReviewItemEntity): ReviewItem {
    return {
      id: r.id,
      reason: r.reason as ReviewReason,
      detail: r.detail,
      state: r.state as ReviewState,
      topic: r.topic,
      eventId: r.eventId,
      eventType: r.eventType,
      certificateNo: r.certificateNo,
      learnerKey: r.learnerKey,
      unitCode: r.unitCode,
      programme: r.programme,
      occurredAt: r.occurredAt ? new Date(r.occurredAt) : null,
      createdAt: new Date(r.createdAt),
      outcome: r.outcome,
      closedAt: r.closedAt ? new Date(r.closedAt) : null,
      closedBy: r.closedBy,
      dismissalReason: r.dismissalReason,
    };
  }
}
