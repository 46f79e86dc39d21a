import { DomainError } from '@bdhvs/domain';

/** A request the xAPI specification says to refuse with 400, naming what is wrong. */
export class XapiBadRequestError extends DomainError {
  constructor(field: string, message: string) {
    super('xapi-bad-request', `${field}: ${message}`, { errors: [{ field, message }] });
  }
}

/** A statement id already stored with other content, or a document written without a precondition. */
export class XapiConflictError extends DomainError {
  constructor(message: string, field = 'id') {
    super('xapi-conflict', message, { errors: [{ field, message }] });
  }
}

export class XapiPreconditionFailedError extends DomainError {
  constructor(header: string) {
    super('xapi-precondition-failed', `The document does not match ${header}.`, {
      errors: [{ field: header, message: `${header} does not match the document` }],
    });
  }
}

export class XapiNotFoundError extends DomainError {
  constructor(what: string, field: string) {
    super('xapi-not-found', `No ${what}.`, { errors: [{ field, message: `${field} names nothing stored` }] });
  }
}

export class XapiTooLargeError extends DomainError {
  constructor(limit: number) {
    super('xapi-too-large', `The request body exceeds ${limit} bytes.`);
  }
}

/** Missing, malformed, unknown or revoked credentials. */
export class XapiUnauthorizedError extends DomainError {
  constructor(message = 'Valid LRS credentials (HTTP Basic) or a bearer token are required.') {
    super('xapi-unauthorized', message);
  }
}

export class XapiForbiddenError extends DomainError {
  constructor(message: string) {
    super('xapi-forbidden', message);
  }
}

export class LrsCredentialNotFoundError extends DomainError {
  constructor(key: string) {
    super('lrs-credential-not-found', `No LRS credential ${key}.`, {
      errors: [{ field: 'key', message: 'key names no LRS credential' }],
    });
  }
}

export class LrsAccountTakenError extends DomainError {
  constructor(learnerId: string) {
    super('lrs-account-taken', 'This account already stands for another learner.', {
      errors: [{ field: 'name', message: 'homePage and name already map to another learner' }],
      learnerId,
    });
  }
}
