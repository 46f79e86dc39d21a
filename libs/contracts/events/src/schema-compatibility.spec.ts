import { compatibilityProblems } from './schema-compatibility';
import {
  SCHEMA_REVISIONS,
  assertEventPayload,
  schemaViolations,
  EventValidationError,
} from './schema-registry';
import { ALL_TOPICS } from './topics';

const base = {
  type: 'object',
  required: ['a'],
  properties: { a: { type: 'string' }, b: { type: 'integer' } },
};

describe('compatibilityProblems', () => {
  it('accepts an added optional property', () => {
    expect(
      compatibilityProblems(base, { ...base, properties: { ...base.properties, c: { type: 'string' } } }),
    ).toEqual([]);
  });

  it('rejects a removed, retyped or newly required property and a closed object', () => {
    const next = {
      type: 'object',
      required: ['a', 'c'],
      additionalProperties: false,
      properties: { a: { type: 'number' }, c: { type: 'string' } },
    };
    expect(compatibilityProblems(base, next)).toEqual([
      'additionalProperties: false breaks forward compatibility',
      'property "a" changed its schema',
      'property "b" was removed',
      'property "c" became required',
    ]);
  });
});

describe('SCHEMA_REVISIONS', () => {
  it('has a schema for every topic', () => {
    for (const topic of ALL_TOPICS) expect(SCHEMA_REVISIONS[topic].length).toBeGreaterThan(0);
  });

  it.each(ALL_TOPICS)('keeps every revision of %s compatible with the one before', (topic) => {
    const revisions = SCHEMA_REVISIONS[topic];
    for (let i = 1; i < revisions.length; i++) {
      expect({ revision: i + 1, problems: compatibilityProblems(revisions[i - 1], revisions[i]) }).toEqual({
        revision: i + 1,
        problems: [],
      });
    }
  });
});

describe('assertEventPayload', () => {
  const issued = {
    certificateId: '0b7c1a52-2a8f-4c43-9d6c-5c1d2b0c9f11',
    certificateNo: 'BDHVS-2025-000001',
    learnerKey: 'a'.repeat(64),
    programme: 'CITIZEN_BASIC',
    unitCode: '03388',
    unitMap: '2025',
    dateOfBirth: '1980-01-31',
    issuedAt: '2025-09-30T08:00:00Z',
    sourceEventId: 'e1',
  };

  it('returns a valid payload', () => {
    expect(assertEventPayload('certification.certificate-issued.v1', issued)).toBe(issued);
  });

  it('names each bad field', () => {
    expect(
      schemaViolations('certification.certificate-issued.v1', {
        ...issued,
        learnerKey: 'x',
        issuedAt: undefined,
      }),
    ).toEqual([
      { field: 'issuedAt', message: "must have required property 'issuedAt'" },
      { field: 'learnerKey', message: 'must match pattern "^[0-9a-f]{64}$"' },
    ]);
    expect(() => assertEventPayload('certification.certificate-issued.v1', {})).toThrow(EventValidationError);
  });
});
