import { DomainError } from '@bdhvs/domain';
import type { FieldProblem } from './identity';

export class InvalidIdentityRecordError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super('invalid-identity-record', 'The identity record has invalid fields.', { errors: problems });
  }
}
