import { Module } from '@nestjs/common';
import { AuthModule } from '@bdhvs/auth';
import { KafkaReadiness, MessagingModule } from '@bdhvs/messaging';
import { ServiceRuntimeModule } from '@bdhvs/service-runtime';
import { IndicatorsModule } from './indicators/indicators.module';
import { ReportsModule } from './reports/reports.module';
import { LearningModule } from './learning/learning.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { ReportingConfig } from './config/reporting-config';
import { database } from './database';

export function reportingModule(config: ReportingConfig) {
  @Module({
    imports: [
      ServiceRuntimeModule.forRoot({ name: 'reporting', config, database, readiness: [KafkaReadiness] }),
      MessagingModule.forRoot({
        source: 'bdhvs/reporting',
        groupId: 'reporting',
        produces: [],
        rebuildable: true,
      }),
      AuthModule,
      IndicatorsModule,
      ReportsModule,
      LearningModule,
      CampaignsModule,
    ],
  })
  class ReportingModule {}
  return ReportingModule;
}
