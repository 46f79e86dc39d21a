import { DECORATORS } from '@nestjs/swagger';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  IS_INT,
  IS_LENGTH,
  IS_UUID,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  getMetadataStorage,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type SchemaBounds = Record<string, unknown>;

/** The OpenAPI keywords that say what one class-validator constraint checks. */
function boundsOf(rule: ValidationMetadata): SchemaBounds {
  const [first, second] = rule.constraints ?? [];
  switch (rule.name) {
    case IS_LENGTH:
      return { minLength: first, ...(second !== undefined ? { maxLength: second } : {}) };
    case MAX_LENGTH:
      return { maxLength: first };
    case MIN_LENGTH:
      return { minLength: first };
    case MATCHES: {
      const pattern = first instanceof RegExp ? first : new RegExp(String(first), second ?? '');
      // JSON Schema's pattern has no flags: a case-insensitive or multiline rule is not one.
      return /^u?$/.test(pattern.flags) ? { pattern: pattern.source } : {};
    }
    case MIN:
      return { minimum: first };
    case MAX:
      return { maximum: first };
    case ARRAY_MAX_SIZE:
      return { maxItems: first };
    case ARRAY_MIN_SIZE:
      return { minItems: first };
    case IS_UUID:
      return { format: 'uuid', maxLength: 36 };
    case IS_INT:
      return { type: 'integer', format: 'int32' };
    default:
      return {};
  }
}

function withoutUndefined(record: SchemaBounds): SchemaBounds {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/**
 * Writes the bounds that class-validator checks (lengths, patterns, ranges, array sizes, UUIDs, integers) into the
 * `@ApiProperty` metadata of the same properties, so the OpenAPI document says what validation enforces
 * and the two cannot drift. A keyword the `@ApiProperty` sets itself is left as written. On an array
 * property, @nestjs/swagger moves the length, pattern and range keywords to its items, where `each: true`
 * rules apply. Run before `SwaggerModule.createDocument`; running it again changes nothing.
 */
export function documentValidationBounds(): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<new (...args: unknown[]) => unknown, ValidationMetadata[]>;
  };
  for (const [target, rules] of storage.validationMetadatas) {
    for (const rule of rules) {
      if (!rule.propertyName) continue;
      const bounds = boundsOf(rule);
      if (Object.keys(bounds).length === 0) continue;
      const documented = Reflect.getOwnMetadata(
        DECORATORS.API_MODEL_PROPERTIES,
        target.prototype,
        rule.propertyName,
      ) as SchemaBounds | undefined;
      if (!documented) continue;
      // `limit = 100` with no type written reflects as Object: the validator knows better.
      const written = documented['type'] === Object ? { ...documented, type: undefined } : documented;
      Reflect.defineMetadata(
        DECORATORS.API_MODEL_PROPERTIES,
        { ...bounds, ...withoutUndefined(written) },
        target.prototype,
        rule.propertyName,
      );
    }
  }
}
