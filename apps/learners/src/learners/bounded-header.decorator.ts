import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { RequestValidationError } from '@bdhvs/problem';

/**
 * The value of a request header, refused with the validation pipe's 400 naming it when it is longer than
 * its documented `maxLength` (`@Headers()` takes no pipes, so the global one never sees it).
 */
export function boundedHeader(
  headers: IncomingHttpHeaders,
  name: string,
  maxLength: number,
): string | undefined {
  const raw = headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw.join(', ') : raw;
  if (value !== undefined && value.length > maxLength)
    throw new RequestValidationError([
      { field: name, message: `${name} must be shorter than or equal to ${maxLength} characters` },
    ]);
  return value;
}

/** `@Headers(name)` with the length check of `boundedHeader`. */
export const BoundedHeader = (name: string, maxLength: number): ParameterDecorator =>
  createParamDecorator((bound: { name: string; maxLength: number }, ctx: ExecutionContext) =>
    boundedHeader(
      ctx.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>().headers,
      bound.name,
      bound.maxLength,
    ),
  )({ name, maxLength });
