import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@bdhvs/domain';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
  boundedFieldErrors,
  ProblemMapping,
  problem,
  slug,
  titleForStatus,
} from './problem-details';
import { RequestValidationError } from './validation';

/**
 * Turns every error into `application/problem+json`. Domain errors are mapped by code; anything
 * unmapped becomes a generic 500 whose stack goes to the log only.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(private readonly domainMappings: Record<string, ProblemMapping> = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = this.toProblem(exception);
    body.instance = request.originalUrl?.split('?')[0].slice(0, 2000);
    if (body.errors) body.errors = boundedFieldErrors(body.errors);
    if (body.status >= 500)
      this.logger.error({ err: exception }, `unhandled error on ${request.method} ${body.instance}`);
    if (response.headersSent) return;
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof RequestValidationError) {
      return problem(400, 'The request has invalid fields.', {
        title: 'Validation failed',
        errors: exception.errors,
      });
    }
    if (exception instanceof DomainError) {
      const mapping = this.domainMappings[exception.code] ?? { status: 422, title: titleForStatus(422) };
      return {
        ...exception.extra,
        ...problem(mapping.status, exception.message, { title: mapping.title }),
        type: `/problems/${slug(exception.code)}`,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? exception.message);
      const extra = typeof response === 'object' ? (response as Partial<ProblemDetails>) : {};
      return problem(status, Array.isArray(extra.message) ? extra.message.join('; ') : detail, {
        ...(extra.errors ? { errors: extra.errors } : {}),
        ...(extra.title ? { title: extra.title } : {}),
        // @nestjs/terminus reports each readiness check in `details`.
        ...((extra as { details?: unknown }).details
          ? { checks: (extra as { details?: unknown }).details }
          : {}),
      });
    }
    if (isConnectionFailure(exception)) {
      // The database or another dependency went away mid-request: the caller should retry.
      return problem(503, 'A dependency is not reachable right now; retry later.');
    }
    if (isBodyParserError(exception)) {
      return problem(
        exception.status,
        exception.type === 'entity.parse.failed' ? 'The body is not valid JSON.' : exception.message,
      );
    }
    return problem(500, 'An unexpected error occurred.');
  }
}

const CONNECTION_FAILURE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
]);

function isConnectionFailure(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code =
    (e as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ??
    (e as { code?: unknown }).code;
  return (
    (typeof code === 'string' && CONNECTION_FAILURE_CODES.has(code)) ||
    /Connection terminated|timeout exceeded when trying to connect/.test(String((e as Error).message))
  );
}

function isBodyParserError(e: unknown): e is { status: number; type: string; message: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { status?: unknown }).status === 'number' &&
    'type' in e
  );
}
