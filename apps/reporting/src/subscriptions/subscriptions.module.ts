import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { ReportDeliveryWorker } from './report-delivery.worker';
import { ReportSubscriptionsController } from './report-subscriptions.controller';
import { ReportSubscriptionsService } from './report-subscriptions.service';
import { SubscriptionRepository } from './subscription.repository';

/** District systems' webhook subscriptions to report events, and their signed deliveries. */
@Module({
  imports: [IndicatorsModule],
  controllers: [ReportSubscriptionsController],
  providers: [ReportSubscriptionsService, SubscriptionRepository, ReportDeliveryWorker],
  exports: [ReportSubscriptionsService],
})
export class SubscriptionsModule {}
