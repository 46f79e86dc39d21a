import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database, SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { ReportingConfig } from '../config/reporting-config';
import { LAST_ERROR_LENGTH, nextAttemptAt, signature } from './domain/delivery';
import { DueDelivery, SubscriptionRepository } from './subscription.repository';

const BATCH = 20;
const TIMEOUT_MS = 10_000;
/** Longer than an attempt can take: a delivery leased by a crashed instance is tried again after it. */
const LEASE_SECONDS = 60;

/** Sends due deliveries, signed, and records each attempt; failed ones back off, then give up. */
@Injectable()
export class ReportDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportDeliveryWorker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly subscriptions: SubscriptionRepository,
    @Inject(SERVICE_CONFIG) private readonly config: ReportingConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.db.whenReady().then(() => this.schedule());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: Error) => this.logger.warn(`report deliveries: ${error.message}`))
        .finally(() => this.schedule());
    }, this.config.REPORT_DELIVERY_INTERVAL_MS);
  }

  /** One round: everything due, a batch at a time, sent concurrently within a batch. */
  async tick(): Promise<void> {
    for (;;) {
      const due = await this.subscriptions.claimDue(BATCH, LEASE_SECONDS);
      await Promise.all(due.map((d) => this.attempt(d)));
      if (due.length < BATCH || this.stopped) return;
    }
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const body = JSON.stringify({ deliveryId: delivery.id, ...delivery.payload });
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-bdhvs-event': delivery.eventType,
          'x-bdhvs-delivery': delivery.id,
          'x-bdhvs-signature': signature(body, delivery.secret),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
      if (status < 200 || status >= 300) error = `answered ${status}`;
    } catch (caught) {
      // Kept as the delivery's lastError, which the document bounds to LAST_ERROR_LENGTH.
      error = (caught instanceof Error ? caught.message : String(caught)).slice(0, LAST_ERROR_LENGTH);
    }
    const attempts = delivery.attempts + 1;
    await this.subscriptions.recordAttempt(delivery.id, {
      delivered: error === null,
      status,
      error,
      nextAttemptAt: error === null ? null : nextAttemptAt(attempts, new Date()),
    });
  }
}
