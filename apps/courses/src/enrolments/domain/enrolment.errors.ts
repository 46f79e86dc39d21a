import { DomainError } from '@bdhvs/domain';

/** A learner the courses service has not heard of from the registry (yet). */
export class LearnerNotFoundError extends DomainError {
  constructor(learnerId: string, field = 'learnerId') {
    super('learner-not-found', `No learner ${learnerId} is known to the courses service (yet).`, {
      errors: [{ field, message: `${field} names no learner known from the registry` }],
    });
  }
}

export class UnknownModuleError extends DomainError {
  constructor(courseCode: string, moduleCode: string, field = 'moduleCode') {
    super('unknown-module', `Course ${courseCode} has no module ${moduleCode}.`, {
      errors: [{ field, message: `${field} names no module of the course` }],
    });
  }
}

export class ProgressTimeError extends DomainError {
  constructor(message: string, field = 'completedAt') {
    super('invalid-progress-time', message, { errors: [{ field, message }] });
  }
}

export class EnrolmentNotFoundError extends DomainError {
  constructor(enrolmentId: string) {
    super('enrolment-not-found', `No enrolment ${enrolmentId}.`);
  }
}
