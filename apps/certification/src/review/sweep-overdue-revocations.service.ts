import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database, SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { CertificationConfig } from '../config/certification-config';
import { ReviewItemRepository } from './review-item.repository';

/**
 * A revocation whose certificate has not arrived within REVIEW_REVOCATION_OVERDUE_SECONDS goes to the
 * review queue; its item closes by itself once the certificate arrives. Every instance sweeps: the
 * statements are idempotent, so two sweeping at once change nothing more than one.
 */
@Injectable()
export class SweepOverdueRevocationsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(SweepOverdueRevocationsService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly items: ReviewItemRepository,
    @Inject(SERVICE_CONFIG) private readonly config: CertificationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: Error) => this.log.warn(`review sweep failed: ${error.message}`));
    }, this.config.REVIEW_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<void> {
    const receivedBefore = new Date(+now - this.config.REVIEW_REVOCATION_OVERDUE_SECONDS * 1000);
    await this.db.transaction((tx) => this.items.sweepOverdueRevocations(tx, receivedBefore, now));
  }
}
