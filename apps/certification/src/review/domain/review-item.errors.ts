import { DomainError } from '@bdhvs/domain';
import type { FieldProblem } from './review-item';

export class ReviewItemNotFoundError extends DomainError {
  constructor(id: string) {
    super('review-item-not-found', `No review item ${id}.`);
  }
}

/** Applying the event again was refused again: the cause is not fixed yet. */
export class ReviewItemStillRefusedError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super('review-item-still-refused', problems.map((p) => p.message).join('; '), { errors: problems });
  }
}

export class ReviewItemReprocessedError extends DomainError {
  constructor(id: string) {
    super('review-item-reprocessed', `Review item ${id} was reprocessed; it is not dismissed.`);
  }
}
