import { DomainError } from '@bdhvs/domain';

/** A query parameter names something that does not exist or does not fit: a 400 naming the parameter. */
export class InvalidIndicatorQueryError extends DomainError {
  constructor(field: string, message: string) {
    super('invalid-indicator-query', message, { errors: [{ field, message }] });
  }
}

export class UnknownUnitError extends InvalidIndicatorQueryError {
  constructor(unitCode: string, field = 'unit', map = '2025') {
    super(field, `No administrative unit ${unitCode} on the ${map} map.`);
  }
}

export class BreakdownNotApplicableError extends InvalidIndicatorQueryError {
  constructor(indicator: string, breakdown: string, counts: string) {
    super('breakdown', `Indicator ${indicator} counts ${counts} and has no breakdown by ${breakdown}.`);
  }
}

export class CursorTooOldError extends DomainError {
  constructor(since: string) {
    super(
      'cursor-too-old',
      `Cursor ${since} is older than the change feed keeps; read the indicators again in full.`,
      {
        errors: [{ field: 'since', message: 'too old' }],
      },
    );
  }
}
