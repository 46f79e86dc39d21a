import { DomainError } from '@bdhvs/domain';
import type { FieldProblem } from '../../programmes/domain/programme';

export class InvalidClassError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super('invalid-class', 'The class has invalid fields.', { errors: problems });
  }
}

export class ClassNotFoundError extends DomainError {
  constructor(classId: string) {
    super('class-not-found', `No class ${classId}.`);
  }
}

/** A date on which the class's schedule has no session. */
export class SessionNotScheduledError extends DomainError {
  constructor(date: string) {
    const message = `the class has no session on ${date}`;
    super('session-not-scheduled', `The class's weekly schedule has no session on ${date}.`, {
      errors: [{ field: 'sessionDate', message }],
    });
  }
}

export class SessionInFutureError extends DomainError {
  constructor(date: string) {
    const message = 'sessionDate must not be a session that has not started yet';
    super('session-in-future', `The session of ${date} has not started yet.`, {
      errors: [{ field: 'sessionDate', message }],
    });
  }
}

/** Learners the courses service does not know (yet): nothing of the call is recorded. */
export class UnknownLearnersError extends DomainError {
  constructor(indexes: number[]) {
    super(
      'unknown-learners',
      'Some learners are not known to the courses service (yet); nothing was recorded.',
      {
        errors: indexes.map((i) => ({
          field: `learnerIds.${i}`,
          message: 'names no learner known from the registry',
        })),
      },
    );
  }
}

/** A mentor records attendance for the classes they teach only. */
export class NotYourClassError extends DomainError {
  constructor(classId: string) {
    super('not-your-class', `Class ${classId} is taught by someone else.`);
  }
}
