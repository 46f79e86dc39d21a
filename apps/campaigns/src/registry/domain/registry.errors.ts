import { DomainError } from '@bdhvs/domain';

/** A learner the campaigns service does not know (yet) from the registry's events. */
export class UnknownLearnerError extends DomainError {
  constructor(field: string, learnerId: string) {
    super('unknown-learner', `No learner ${learnerId} is known to the campaigns service (yet).`, {
      errors: [{ field, message: `${field} names no learner known from the registry` }],
    });
  }
}

/** A unit that is not a commune or ward of today's map, where one is required. */
export class NotACommuneError extends DomainError {
  constructor(field: string, unitCode: string) {
    super('not-a-commune', `${unitCode} is not a commune or ward of the 2025 map.`, {
      errors: [{ field, message: `${field} must be a commune or ward of the 2025 map` }],
    });
  }
}

/** The caller's unit does not reach the unit the named field leads to (a mentor or officer elsewhere). */
export class OutsideCallerUnitError extends DomainError {
  constructor(field: string, unitCode: string) {
    super('outside-caller-unit', `Unit ${unitCode} is outside the caller's administrative unit.`, {
      errors: [{ field, message: `${field} belongs to a unit outside the caller's own` }],
    });
  }
}
