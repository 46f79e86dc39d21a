import { DomainError } from '@bdhvs/domain';
import type { FieldProblem } from './campaign';

export class InvalidCampaignError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super('invalid-campaign', 'The campaign has invalid fields.', { errors: problems });
  }
}

export class CampaignNotFoundError extends DomainError {
  constructor(campaignId: string) {
    super('campaign-not-found', `No campaign ${campaignId}.`, {
      errors: [{ field: 'campaignId', message: 'campaignId names no campaign' }],
    });
  }
}

/** Nothing of the activity is recorded. */
export class InvalidActivityError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super('invalid-activity', 'The activity has invalid fields; nothing was recorded.', { errors: problems });
  }
}
