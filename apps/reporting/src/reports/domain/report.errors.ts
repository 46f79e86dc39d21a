import { DomainError } from '@bdhvs/domain';

export class ReportStateError extends DomainError {
  constructor(
    reason: 'period-not-ended' | 'already-approved' | 'not-submitted',
    unitCode: string,
    period: string,
  ) {
    const message = {
      'period-not-ended': `Period ${period} has not ended: its report can be submitted from its end on.`,
      'already-approved': `The report of ${unitCode} for ${period} is approved and frozen.`,
      'not-submitted': `The report of ${unitCode} for ${period} has not been submitted.`,
    }[reason];
    super(reason, message);
  }
}

export class NotReportingLevelError extends DomainError {
  constructor(action: string, unitCode: string) {
    super('wrong-level', `The caller may not ${action} the report of ${unitCode}.`);
  }
}
