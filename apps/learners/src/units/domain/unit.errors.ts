import { DomainError } from '@bdhvs/domain';
import type { UnitProblem } from './administrative-unit';

export class InvalidUnitError extends DomainError {
  constructor(problems: UnitProblem[]) {
    super('invalid-unit', 'The unit has invalid fields.', { errors: problems });
  }
}

export class UnitNotFoundError extends DomainError {
  constructor(code: string) {
    super('unit-not-found', `No unit ${code} on the 2025 map.`);
  }
}
