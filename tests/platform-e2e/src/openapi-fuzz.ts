import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';

/** Just enough of an OpenAPI 3 document to generate requests from it. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
}

interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: Schema }>;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema; example?: unknown }> };
  responses?: Record<string, OpenApiResponse>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  parameters: Parameter[];
  contentType?: string;
  body?: Schema;
  responses: Record<string, OpenApiResponse>;
}

export interface FuzzRequest {
  method: string;
  /** Path with its parameters already encoded, and the query string. */
  url: string;
  contentType?: string;
  body?: string;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      return {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        contentType,
        body: media?.schema ? resolve(doc, media.schema) : undefined,
        responses: op.responses ?? {},
      };
    }),
  );
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return doc.components?.schemas?.[name] ?? {};
}

/** A plausible value for a schema: its example, else the first enum value, else one of its type. */
export function plausible(doc: OpenApiDocument, schemaOrRef: Schema, depth = 0): unknown {
  const schema = resolve(doc, schemaOrRef);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (depth > 4) return null;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [plausible(doc, schema.items, depth + 1)] : [];
    case 'string':
      return 'x';
    default:
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, s]) => [k, plausible(doc, s, depth + 1)]),
      );
  }
}

/** Stands for an object nested 5,000 levels deep: built as text, since JSON.stringify would recurse. */
const DEEP = '\u{10FFFF}deep\u{10FFFF}';
const DEEP_JSON = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);

const CONTROL_CHARACTERS = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f'];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL_CHARACTERS), fc.string({ maxLength: 8 }))
    .map(([a, c, b]) => a + c + b),
  fc.constantFrom(
    '',
    ' ',
    '%00',
    '../../etc/passwd',
    "' OR 1=1 --",
    '012345678901',
    '03388',
    '2025',
    '9'.repeat(400),
    'x'.repeat(100_000),
    'Nguyễn Văn An',
    '\u202eevil',
    '\ud800',
  ),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(0, -1, 1e308, 2 ** 53 + 1, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.constant(Array.from({ length: 20_000 }, (_, i) => i)),
  fc.constant(DEEP),
  fc.dictionary(hostileString, hostileString, { maxKeys: 2 }),
);

/** Bytes in a path segment: encoded control characters, invalid UTF-8, traversal, very long. */
const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  hostileString.map((s) => encodeSegment(s.slice(0, 2_000))),
  fc.constantFrom('%00', '%ff%fe', '%c0%ae%c0%ae', '%2e%2e%2f', '%E0%A4%A', '..', '%25', 'a'.repeat(5_000)),
);

function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as UTF-8 bytes that decode to nothing valid
  }
}

function bodyArbitrary(doc: OpenApiDocument, op: Operation): fc.Arbitrary<string | undefined> {
  if (!op.contentType) return fc.constant(undefined);
  if (op.contentType !== 'application/json') {
    return fc.oneof(
      hostileString,
      fc.constant('{"a":'.repeat(10_000)),
      fc.constant('citizenId,fullName,dateOfBirth,sex,unitCode,groups\n"' + 'x'.repeat(20_000)),
    );
  }
  const base = plausible(doc, op.body ?? {}) as Record<string, unknown>;
  const fields = Object.keys(base);
  const mutated = fc
    .array(
      fc.tuple(fields.length ? fc.constantFrom(...fields, 'unknownField') : hostileString, hostileValue),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((changes) => ({ ...base, ...Object.fromEntries(changes) }));
  return fc
    .oneof({ weight: 6, arbitrary: mutated as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostileValue })
    .map((value) => JSON.stringify(value).replace(JSON.stringify(DEEP), DEEP_JSON));
}

/** Requests for one operation: hostile path segments, query values and bodies, one or several at a time. */
export function requestsFor(doc: OpenApiDocument, op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const segment = (p: Parameter) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(encodeSegment(String(plausible(doc, p.schema ?? {})))) },
      { weight: 3, arbitrary: hostileSegment },
    );
  const queryValue = fc.oneof(
    hostileString.map((s) => [s]),
    fc.array(hostileString, { minLength: 2, maxLength: 3 }),
  );
  return fc
    .record({
      segments: fc.tuple(...pathParams.map(segment)),
      query: fc.tuple(...queryParams.map(() => fc.option(queryValue, { nil: undefined }))),
      body: bodyArbitrary(doc, op),
    })
    .map(({ segments, query, body }) => {
      let path = op.path;
      pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, segments[i] as string)));
      const search = new URLSearchParams();
      queryParams.forEach((p, i) => {
        for (const v of (query[i] as string[] | undefined) ?? []) search.append(p.name, v.slice(0, 2_000));
      });
      const qs = search.toString();
      return { method: op.method, url: qs ? `${path}?${qs}` : path, contentType: op.contentType, body };
    });
}

/** An answer as the fuzzer saw it. */
export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Checks answers against the document: the status is one the operation documents, and a JSON body
 * matches the schema documented for that status and media type (OpenAPI 3.0 schemas, `nullable` and
 * formats included).
 */
export class ResponseConformance {
  private readonly ajv = new Ajv({ allErrors: false, strict: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema(pointingInto({ components: doc.components ?? {} }) as object, DOCUMENT_ID);
  }

  /**
   * What is wrong with the answer, or null when it conforms. A URL whose hostile segments (`..`, an
   * encoded slash) took it to another route is answered by that route: only its status class is checked.
   */
  problemWith(op: Operation, url: string, answer: Answer): string | null {
    if (!routeOf(op).test(new URL(url, 'http://x').pathname)) return null;
    const documented = op.responses[String(answer.status)] ?? op.responses[`${String(answer.status)[0]}XX`];
    if (!documented)
      return `status ${answer.status} is not documented (${Object.keys(op.responses).join(', ')})`;
    const mediaType = answer.contentType.split(';')[0].trim();
    if (!documented.content || answer.body === '') return null;
    const media = documented.content[mediaType];
    if (!media) {
      return `${answer.status} answered ${mediaType || 'no content type'}, documented ${Object.keys(documented.content).join(', ')}`;
    }
    if (!media.schema || !/json/.test(mediaType)) return null;
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return `${answer.status} ${mediaType} body is not JSON`;
    }
    const key = `${op.operationId} ${answer.status} ${mediaType}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(pointingInto(media.schema) as object);
      this.validators.set(key, validate);
    }
    if (validate(body)) return null;
    const [first] = validate.errors ?? [];
    return `${answer.status} body does not match its schema: ${first?.instancePath || '(root)'} ${first?.message ?? ''}`;
  }
}

const DOCUMENT_ID = 'openapi.json';

/** The operation's path template as a pattern over decoded-once URL paths: `{id}` is one segment. */
function routeOf(op: Operation): RegExp {
  const segments = op.path
    .split('/')
    .map((part) => (/^\{.+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}$`);
}

/** The schema with its `#/components/...` references pointing into the document registered with Ajv. */
function pointingInto(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${DOCUMENT_ID}#/components/`));
}
