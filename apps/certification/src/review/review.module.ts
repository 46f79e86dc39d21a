import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module';
import { ReadReviewItemsService } from './read-review-items.service';
import { ReprocessReviewItemService } from './reprocess-review-item.service';
import { ReviewItemsController } from './review-items.controller';
import { ReviewStoreModule } from './review-store.module';
import { SweepOverdueRevocationsService } from './sweep-overdue-revocations.service';

@Module({
  imports: [ReviewStoreModule, CertificatesModule],
  controllers: [ReviewItemsController],
  providers: [ReadReviewItemsService, ReprocessReviewItemService, SweepOverdueRevocationsService],
})
export class ReviewModule {}
