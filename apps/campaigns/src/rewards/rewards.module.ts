import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { NominateForRewardService } from './nominate-for-reward.service';
import { NominationRepository } from './nomination.repository';
import { NominationsController } from './nominations.controller';

/** Emulation and rewards (IV.2.2): nominations and approvals; the rankings are reporting's. */
@Module({
  imports: [RegistryModule],
  controllers: [NominationsController],
  providers: [NominationRepository, NominateForRewardService],
})
export class RewardsModule {}
