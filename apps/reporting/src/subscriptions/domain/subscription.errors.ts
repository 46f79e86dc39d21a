import { DomainError } from '@bdhvs/domain';

/** Unknown, or someone else's: the same answer, so that ids are no oracle. */
export class SubscriptionNotFoundError extends DomainError {
  constructor(id: string) {
    super('subscription-not-found', `No report subscription ${id} of yours.`);
  }
}
