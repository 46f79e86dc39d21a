import { DomainError } from '@bdhvs/domain';

export class UnknownNomineeError extends DomainError {
  constructor(kind: string) {
    super('unknown-nominee', `No ${kind.toLowerCase()} by that id.`, {
      errors: [
        {
          field: 'nomineeId',
          message: `nomineeId names no ${kind.toLowerCase()} known to the campaigns service`,
        },
      ],
    });
  }
}

export class NominationExistsError extends DomainError {
  constructor(nominationId: string) {
    super('nomination-exists', 'The nominee is already nominated for this period.', {
      nominationId,
      errors: [{ field: 'nomineeId', message: 'nomineeId is already nominated for this period' }],
    });
  }
}

export class NominationNotFoundError extends DomainError {
  constructor(nominationId: string) {
    super('nomination-not-found', `No nomination ${nominationId}.`, {
      errors: [{ field: 'nominationId', message: 'nominationId names no nomination' }],
    });
  }
}

export class NominationNotApprovableError extends DomainError {
  constructor(reason: 'already-approved' | 'own-proposal') {
    super(
      'nomination-not-approvable',
      reason === 'already-approved'
        ? 'The nomination is approved already.'
        : 'Whoever proposed a nomination cannot approve it.',
      {
        errors: [
          {
            field: 'nominationId',
            message: reason === 'already-approved' ? 'already approved' : 'proposed by the caller',
          },
        ],
      },
    );
  }
}
