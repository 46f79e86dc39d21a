import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { RegistryModule } from '../registry/registry.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { PeriodicReportRepository } from './periodic-report.repository';
import { PeriodicReportsController } from './periodic-reports.controller';
import { PeriodicReportsService } from './periodic-reports.service';
import { RankingsController } from './rankings.controller';
import { RankingsService } from './rankings.service';

/** Periodic reports of section VI.10 (submit, approve or return, freeze) and the rankings of IV.2.2. */
@Module({
  imports: [IndicatorsModule, RegistryModule, SubscriptionsModule],
  controllers: [PeriodicReportsController, RankingsController],
  providers: [PeriodicReportsService, PeriodicReportRepository, RankingsService],
})
export class ReportsModule {}
