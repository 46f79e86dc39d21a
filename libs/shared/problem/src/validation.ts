import {
  ArgumentMetadata,
  BadRequestException,
  Injectable,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { inputProblems } from './input-rules';
import { FieldError } from './problem-details';

export class RequestValidationError extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super('The request has invalid fields.');
  }
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

// Written by @nestjs/swagger's @ApiProperty; read here so that the document and validation agree on null.
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

interface PropertyDoc {
  nullable?: boolean;
  type?: unknown;
}

/**
 * `null` where the DTO's document does not say `nullable: true`: class-validator's @IsOptional lets
 * null through as if absent, and code downstream would then read a property of null.
 */
export function nullProblems(metatype: unknown, value: unknown, prefix = '', depth = 0): FieldError[] {
  if (typeof metatype !== 'function' || typeof value !== 'object' || value === null || depth > 8) return [];
  const problems: FieldError[] = [];
  for (const [key, child] of Object.entries(value)) {
    const doc = Reflect.getMetadata(API_MODEL_PROPERTIES, metatype.prototype, key) as PropertyDoc | undefined;
    if (!doc) continue;
    const field = prefix ? `${prefix}.${key}` : key;
    if (child === null && !doc.nullable) problems.push({ field, message: `${field} must not be null` });
    const nested = typeof doc.type === 'function' && doc.type.prototype !== undefined ? doc.type : undefined;
    if (nested && Array.isArray(child))
      child.forEach((item, i) => problems.push(...nullProblems(nested, item, `${field}.${i}`, depth + 1)));
    else if (nested) problems.push(...nullProblems(nested, child, field, depth + 1));
  }
  return problems;
}

/**
 * Rejects unknown fields and names every bad field; values are never echoed back. Before any
 * transformation it refuses what no validator should have to walk: deep nesting, control characters
 * (in bodies, queries and path parameters alike) and nulls the document does not allow.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const field = metadata.type === 'body' ? undefined : metadata.data;
      const unsafe = inputProblems(value, { field });
      if (unsafe.length > 0) throw new RequestValidationError(unsafe);
      const nulls = nullProblems(metadata.metatype, value);
      if (nulls.length > 0) throw new RequestValidationError(nulls);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe();
}
