import { DomainError } from '@bdhvs/domain';
import type { FieldProblem } from './learner';

export class InvalidLearnerError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super('invalid-learner', 'The learner has invalid fields.', { errors: problems });
  }
}

export class LearnerAlreadyRegisteredError extends DomainError {
  constructor(learnerId: string) {
    super('learner-already-registered', 'A learner with this citizen ID exists.', { learnerId });
  }
}

/** A record VNeID made known is completed by registering the learner, not corrected. */
export class LearnerAwaitsCompletionError extends DomainError {
  constructor(id: string) {
    super(
      'learner-awaits-completion',
      `Learner ${id} holds only what VNeID knew: register them (registerLearner) to complete the record.`,
      { learnerId: id },
    );
  }
}

export class LearnerNotFoundError extends DomainError {
  constructor(id: string) {
    super('learner-not-found', `No learner ${id}.`);
  }
}

export class NotYourLearnerError extends DomainError {
  constructor(id: string) {
    super('not-your-learner', `Learner ${id} was registered by another caller.`);
  }
}

export class HouseholdNotFoundError extends DomainError {
  constructor(id: string) {
    super('household-not-found', `No household ${id}.`);
  }
}

export class RevealNotAllowedError extends DomainError {
  constructor(message: string) {
    super('reveal-not-allowed', message);
  }
}

export class AccessReasonRequiredError extends DomainError {
  constructor() {
    super('access-reason-required', 'Revealing or exporting personal data needs an X-Access-Reason header.');
  }
}

export class LearnerErasedError extends DomainError {
  constructor(id: string) {
    super('learner-erased', `The personal data of learner ${id} has been erased.`);
  }
}

export class BadImportHeaderError extends DomainError {
  constructor(missing: string[], unknown: string[], repeated: string[]) {
    const parts = [
      missing.length ? `missing columns: ${missing.join(', ')}` : '',
      unknown.length ? `unknown columns: ${unknown.join(', ')}` : '',
      repeated.length ? `repeated columns: ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    super('bad-import-header', `The CSV header is wrong: ${parts.join('; ')}.`, {
      missingColumns: missing,
      unknownColumns: unknown,
      repeatedColumns: repeated,
    });
  }
}

export class UnsupportedImportTypeError extends DomainError {
  constructor() {
    super(
      'unsupported-import-type',
      'importLearners takes the CSV file itself as the body, with Content-Type: text/csv.',
    );
  }
}

export class ImportTooLargeError extends DomainError {
  constructor(limit: number) {
    super('import-too-large', `The CSV file is larger than ${limit} bytes.`);
  }
}

export class ImportTooManyRowsError extends DomainError {
  constructor(limit: number) {
    super('import-too-many-rows', `The CSV file has more than ${limit} rows; split it into several imports.`);
  }
}

export class LineTooLongError extends DomainError {
  constructor(line: number, limit: number) {
    super(
      'bad-csv',
      `Line ${line} is longer than ${limit} bytes; the import stopped there (the rows before it are stored).`,
      { line },
    );
  }
}

export class BadCsvError extends DomainError {
  constructor(message: string) {
    super('bad-csv', message);
  }
}

export class ImportNotFoundError extends DomainError {
  constructor(id: string) {
    super('import-not-found', `No import ${id}.`);
  }
}

export class NotYourImportError extends DomainError {
  constructor(id: string) {
    super('not-your-import', `Import ${id} was started by another caller.`);
  }
}
