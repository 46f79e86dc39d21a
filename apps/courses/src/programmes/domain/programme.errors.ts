import { DomainError } from '@bdhvs/domain';
import type { FieldProblem } from './programme';

export class ProgrammeNotFoundError extends DomainError {
  constructor(code: string, version?: number) {
    super(
      'programme-not-found',
      version ? `No version ${version} of programme ${code}.` : `No programme ${code}.`,
    );
  }
}

export class InvalidProgrammeError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super('invalid-programme', 'The programme has invalid fields.', { errors: problems });
  }
}

export class ProgrammeVersionConflictError extends DomainError {
  constructor(code: string, currentVersion: number) {
    super(
      'programme-version-conflict',
      `Programme ${code} is at version ${currentVersion}: edit that version.`,
      {
        currentVersion,
        errors: [{ field: 'baseVersion', message: `baseVersion must be ${currentVersion}` }],
      },
    );
  }
}
