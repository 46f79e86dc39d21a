import { DomainError } from '@bdhvs/domain';

export class MentorNotFoundError extends DomainError {
  constructor(mentorId: string) {
    super('mentor-not-found', `No mentor ${mentorId}.`, {
      errors: [{ field: 'mentorId', message: 'mentorId names no mentor' }],
    });
  }
}

export class MentorOfSelfError extends DomainError {
  constructor() {
    super('mentee-is-mentor', 'A mentor may not mentor themselves.', {
      errors: [{ field: 'learnerId', message: 'learnerId is the mentor themselves' }],
    });
  }
}

/** One mentor at a time: the mentee is guided by another mentor already. */
export class MenteeAssignedElsewhereError extends DomainError {
  constructor(currentMentorId: string) {
    super('mentee-already-assigned', 'The learner is already the mentee of another mentor.', {
      mentorId: currentMentorId,
      errors: [{ field: 'learnerId', message: 'learnerId already has a mentor' }],
    });
  }
}

/** A mentor guides people of their own unit. */
export class MenteeOutsideMentorUnitError extends DomainError {
  constructor(unitCode: string) {
    super('mentee-outside-unit', `The learner lives outside the mentor's unit ${unitCode}.`, {
      errors: [
        { field: 'learnerId', message: `learnerId must be a learner of the mentor's unit ${unitCode}` },
      ],
    });
  }
}

/** A mentor's account acts for its own mentor record only. */
export class NotYourMentorRecordError extends DomainError {
  constructor(mentorId: string) {
    super('not-your-mentor-record', `Mentor ${mentorId} is someone else.`, {
      errors: [{ field: 'mentorId', message: 'a mentor acts for themselves only' }],
    });
  }
}

/** A mentor (or desk helper) works in the unit they live in, or one above it. */
export class MentorUnitMismatchError extends DomainError {
  constructor(unitCode: string) {
    super('mentor-outside-unit', `The learner lives outside ${unitCode}.`, {
      errors: [{ field: 'unitCode', message: 'unitCode must be the unit of the learner or one above it' }],
    });
  }
}

/** A change of mentor needs a mentor to change from: the first one is assigned with assignMentee. */
export class MenteeNotAssignedError extends DomainError {
  constructor() {
    super('mentee-not-assigned', 'The learner has no mentor to change from; assign one first.', {
      errors: [{ field: 'learnerId', message: 'learnerId has no mentor yet' }],
    });
  }
}
