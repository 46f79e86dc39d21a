export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** How a domain error code is answered over HTTP. */
export interface ProblemMapping {
  status: number;
  title: string;
}

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function titleForStatus(status: number): string {
  return TITLES[status] ?? 'Error';
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function problem(status: number, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  const title = extra.title ?? titleForStatus(status);
  return { type: `/problems/${slug(title)}`, title, status, detail, ...extra };
}

/** Field errors one answer names at most: a body with thousands of bad items is told of the first ones. */
export const MAX_FIELD_ERRORS = 100;
const MAX_FIELD_LENGTH = 200;
const MAX_MESSAGE_LENGTH = 2000;

/**
 * The field errors as an answer carries them: the first MAX_FIELD_ERRORS, each field path and message cut
 * to the lengths the document promises (an unknown property's name is the caller's and can be any length).
 */
export function boundedFieldErrors(errors: FieldError[]): FieldError[] {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  return errors.slice(0, MAX_FIELD_ERRORS).map(({ field, message }) => ({
    field: cut(field, MAX_FIELD_LENGTH),
    message: cut(message, MAX_MESSAGE_LENGTH),
  }));
}

/** RFC 9457 problem details as a JSON Schema for OpenAPI documents: how every error is answered. */
export const PROBLEM_DETAILS_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', maxLength: 200, example: '/problems/bad-request' },
    title: { type: 'string', maxLength: 200, example: 'Bad request' },
    status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599, example: 400 },
    detail: { type: 'string', maxLength: 2000, example: 'The request has invalid fields.' },
    instance: { type: 'string', maxLength: 2000, example: '/api/v1/learners/learners' },
    errors: {
      type: 'array',
      description: 'One entry per field at fault',
      maxItems: MAX_FIELD_ERRORS,
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', maxLength: MAX_FIELD_LENGTH, example: 'unitCode' },
          message: {
            type: 'string',
            maxLength: MAX_MESSAGE_LENGTH,
            example: 'unitCode must be a unit the registry knows',
          },
        },
      },
    },
  },
} as const;
