import { DomainError } from '@bdhvs/domain';

export class UnknownUnitError extends DomainError {
  constructor(unitCode: string) {
    super('unknown-unit', `No administrative unit ${unitCode} on the 2025 map.`);
  }
}

export class BreakdownNotAvailableError extends DomainError {
  constructor(breakdown: string) {
    super(
      'breakdown-not-available',
      `Breakdown by ${breakdown} needs the learner registry and is not computed yet.`,
    );
  }
}

export class IndicatorNotComputedError extends DomainError {
  constructor(indicator: string) {
    super(
      'indicator-not-computed',
      `Indicator ${indicator} needs the learner registry's target groups and is not computed yet.`,
    );
  }
}
