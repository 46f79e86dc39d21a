import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { UpstreamHealthService } from './upstream-health.service';

@Module({
  controllers: [HealthController],
  providers: [UpstreamHealthService],
})
export class HealthModule {}
