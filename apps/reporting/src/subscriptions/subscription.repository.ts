import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { ReportDeliveryEntity, ReportSubscriptionEntity } from './subscription.entity';

/** A delivery claimed for one attempt, with where and how to send it. */
export interface DueDelivery {
  id: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secret: string;
}

/** The only code that knows the subscription tables. */
@Injectable()
export class SubscriptionRepository {
  private readonly subscriptions: EntityTable<ReportSubscriptionEntity>;
  private readonly deliveries: EntityTable<ReportDeliveryEntity>;

  constructor(private readonly db: Database) {
    this.subscriptions = EntityTable.of(db.dataSource, ReportSubscriptionEntity);
    this.deliveries = EntityTable.of(db.dataSource, ReportDeliveryEntity);
  }

  async create(subscription: ReportSubscriptionEntity): Promise<void> {
    await this.subscriptions.insertMany(this.db.manager, [subscription]);
  }

  async find(id: string): Promise<ReportSubscriptionEntity | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.subscriptions.select('s')} FROM report_subscription s WHERE s.id = $1`,
      [id],
    );
    return (row as ReportSubscriptionEntity | undefined) ?? null;
  }

  async listOf(subscriber: string | null): Promise<ReportSubscriptionEntity[]> {
    return this.db.manager.query(
      `SELECT ${this.subscriptions.select('s')} FROM report_subscription s
       WHERE s.active AND ($1::text IS NULL OR s.subscriber = $1) ORDER BY s.created_at`,
      [subscriber],
    );
  }

  async deactivate(id: string): Promise<void> {
    await this.db.manager.query('UPDATE report_subscription SET active = false WHERE id = $1', [id]);
  }

  /** One delivery per active subscription to any of `units`, in the caller's transaction. */
  async enqueue(tx: EntityManager, units: string[], eventType: string, payload: Record<string, unknown>) {
    await tx.query(
      `INSERT INTO report_delivery (id, subscription_id, event_type, payload, status, attempts, next_attempt_at, created_at)
       SELECT gen_random_uuid(), s.id, $2, $3::jsonb, 'PENDING', 0, now(), now()
       FROM report_subscription s WHERE s.active AND s.unit_code = ANY($1)`,
      [units, eventType, JSON.stringify(payload)],
    );
  }

  /**
   * Claims up to `limit` due deliveries for one attempt: each is leased for `leaseSeconds`, so another
   * instance (or this one after a crash) tries it again only once the lease has run out.
   */
  async claimDue(limit: number, leaseSeconds: number): Promise<DueDelivery[]> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected count].
    const [rows]: [DueDelivery[], number] = await this.db.manager.query(
      `WITH due AS (
         SELECT id FROM report_delivery WHERE status = 'PENDING' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE report_delivery d SET next_attempt_at = now() + make_interval(secs => $2)
       FROM due, report_subscription s
       WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.event_type AS "eventType", d.payload, d.attempts, s.url, s.secret`,
      [limit, leaseSeconds],
    );
    return rows;
  }

  async recordAttempt(
    id: string,
    outcome: { delivered: boolean; status: number | null; error: string | null; nextAttemptAt: Date | null },
  ): Promise<void> {
    await this.db.manager.query(
      `UPDATE report_delivery SET attempts = attempts + 1, last_status = $2, last_error = $3,
         status = CASE WHEN $4 THEN 'DELIVERED' WHEN $5::timestamptz IS NULL THEN 'FAILED' ELSE 'PENDING' END,
         delivered_at = CASE WHEN $4 THEN now() END,
         next_attempt_at = CASE WHEN $4 THEN NULL ELSE $5::timestamptz END
       WHERE id = $1`,
      [id, outcome.status, outcome.error, outcome.delivered, outcome.nextAttemptAt],
    );
  }

  async deliveriesOf(subscriptionId: string, limit: number): Promise<ReportDeliveryEntity[]> {
    return this.db.manager.query(
      `SELECT ${this.deliveries.select('d')} FROM report_delivery d WHERE d.subscription_id = $1
       ORDER BY d.created_at DESC LIMIT $2`,
      [subscriptionId, limit],
    );
  }
}
