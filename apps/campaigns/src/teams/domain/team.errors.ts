import { DomainError } from '@bdhvs/domain';
import type { FieldProblem } from './team';

export class TeamNotFoundError extends DomainError {
  constructor(teamId: string) {
    super('team-not-found', `No team ${teamId}.`, {
      errors: [{ field: 'teamId', message: 'teamId names no team' }],
    });
  }
}

/** A visit the team could not have made as described: nothing is recorded. */
export class InvalidVisitError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super('invalid-visit', 'The visit has invalid fields; nothing was recorded.', { errors: problems });
  }
}
