import { Injectable } from '@nestjs/common';
import { ReviewItem } from './domain/review-item';
import { ReviewItemNotFoundError } from './domain/review-item.errors';
import { ReviewFilter, ReviewItemRepository } from './review-item.repository';

@Injectable()
export class ReadReviewItemsService {
  constructor(private readonly items: ReviewItemRepository) {}

  list(
    filter: ReviewFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: ReviewItem[]; total: number }> {
    return this.items.list(filter, page, pageSize);
  }

  async get(id: string): Promise<ReviewItem> {
    const item = await this.items.findById(id);
    if (!item) throw new ReviewItemNotFoundError(id);
    return item;
  }
}
