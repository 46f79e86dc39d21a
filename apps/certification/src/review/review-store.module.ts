import { Module } from '@nestjs/common';
import { ReviewItemRepository } from './review-item.repository';
import { ReviewQueueService } from './review-queue.service';

/** Where refused events are kept: used by the channels that refuse them and by the review routes. */
@Module({
  providers: [ReviewItemRepository, ReviewQueueService],
  exports: [ReviewItemRepository, ReviewQueueService],
})
export class ReviewStoreModule {}
