// No imports on purpose: scripts/generate-openapi.cjs loads this file on its own, so the committed
// openapi/openapi.json and the gateway's /api/openapi.json come from the same merge.

/** The parts of an OpenAPI 3.0 document the merge reads; everything else is carried as is. */
export interface OpenAPIObject {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: { url: string; [key: string]: unknown }[];
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  security?: Record<string, string[]>[];
  tags?: { name: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

export const MERGED_TITLE = 'Bình dân học vụ số — Lai Châu platform API';

const BEARER = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description:
    "A JWT as RFC8725 (JWT best current practices) asks: RS256 only, keys from the identity provider's " +
    'JWKS, expiry required, issuer and audience checked when JWT_ISSUER and JWT_AUDIENCE are set; the ' +
    'roles claim says what the caller may do',
};
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Component kinds reached through `$ref`, so a renamed entry needs its references rewritten. */
const REF_KINDS = [
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'links',
  'callbacks',
];

type Renames = Map<string, string>;

/**
 * The gateway answers every API call with its rate-limit headers (apps/gateway/src/security/rate-limits.ts)
 * and CORS (security-headers.ts), and a call past a budget with 429: the merge documents them on every
 * operation.
 */
const GATEWAY_HEADERS = {
  RateLimit: {
    description:
      'What is left of each budget that applies to this call (IETF draft-ietf-httpapi-ratelimit-headers-08), ' +
      'e.g. `"api"; r=119998; t=42`',
    schema: { type: 'string', maxLength: 512 },
  },
  'RateLimit-Policy': {
    description:
      'The budgets that apply to this call: calls (q) per window in seconds (w), per client address',
    schema: { type: 'string', maxLength: 512 },
  },
  'Access-Control-Allow-Origin': {
    description:
      "The caller's origin when it is one the platform lets browsers call from (CORS_ORIGINS; " +
      'the xAPI LRS answers any origin); absent otherwise',
    schema: { type: 'string', maxLength: 2048 },
  },
  'Retry-After': {
    description: 'Seconds until the client may call again',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86400 },
  },
};
const ANSWER_HEADERS = {
  RateLimit: { $ref: '#/components/headers/RateLimit' },
  'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
  'Access-Control-Allow-Origin': { $ref: '#/components/headers/Access-Control-Allow-Origin' },
};
const TOO_MANY_REQUESTS_RESPONSE = {
  description: 'Past a rate limit of this client; call again after Retry-After seconds',
  headers: { ...ANSWER_HEADERS, 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
  // `Problem` comes with the services' documents (libs/shared/service-runtime: withPlatformAnswers).
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** The operation with the gateway's headers on each of its answers, and its 429. */
function withRateLimitAnswers(operation: Record<string, unknown>): Record<string, unknown> {
  const responses = isObject(operation['responses']) ? operation['responses'] : {};
  const answered: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(responses)) {
    answered[status] =
      isObject(response) && !('$ref' in response)
        ? {
            ...response,
            headers: { ...(isObject(response['headers']) ? response['headers'] : {}), ...ANSWER_HEADERS },
          }
        : response;
  }
  const own = responses['429'];
  answered['429'] = {
    ...TOO_MANY_REQUESTS_RESPONSE,
    ...(isObject(own) && typeof own['description'] === 'string' ? { description: own['description'] } : {}),
  };
  return { ...operation, responses: answered };
}

/**
 * Merges each service's own document into one. Paths already carry `/api/v1/<service>`, so they are
 * simply united. A component name that two services define differently is prefixed with the
 * service name in every service that defines it (`CertificationPage`), references included; a name
 * defined identically everywhere stays as is. A service whose document is `null` was unavailable: it
 * is left out and named in `x-unavailable-services`.
 */
export function mergeOpenApiDocuments(docs: Record<string, OpenAPIObject | null | undefined>): OpenAPIObject {
  const services = Object.keys(docs).filter((name) => docs[name]);
  const unavailable = Object.keys(docs).filter((name) => !docs[name]);
  const sources = services.map((service) => ({ service, doc: docs[service] as OpenAPIObject }));
  const renames = renamesForConflicts(sources);

  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const tags = new Map<string, unknown>();
  const duplicates: string[] = [];

  for (const { service, doc } of sources) {
    const own = renames.get(service) ?? new Map<string, string>();
    const rewritten = rewriteRefs(withOperationSecurity(doc), own) as OpenAPIObject;
    for (const [path, item] of Object.entries(rewritten.paths ?? {})) {
      const merged = (paths[path] ??= {});
      for (const [key, value] of Object.entries(item)) {
        if (!(key in merged)) merged[key] = value;
        else if (HTTP_METHODS.has(key)) duplicates.push(`${key.toUpperCase()} ${path} (${service})`);
      }
    }
    for (const [kind, entries] of Object.entries(rewritten.components ?? {})) {
      const target = (components[kind] ??= {});
      for (const [name, value] of Object.entries(entries ?? {})) {
        const key = `#/components/${kind}/${name}`;
        const finalName = own.has(key)
          ? (own.get(key) as string).slice(`#/components/${kind}/`.length)
          : name;
        if (!(finalName in target)) target[finalName] = value;
      }
    }
    for (const tag of rewritten.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag);
  }

  components['securitySchemes'] = { ...components['securitySchemes'], bearer: BEARER };
  components['headers'] = { ...components['headers'], ...GATEWAY_HEADERS };
  for (const item of Object.values(paths)) {
    for (const [key, operation] of Object.entries(item)) {
      if (HTTP_METHODS.has(key) && isObject(operation)) item[key] = withRateLimitAnswers(operation);
    }
  }
  const merged: OpenAPIObject = {
    openapi: '3.0.0',
    info: {
      title: MERGED_TITLE,
      version: '1.0.0',
      description:
        'Every public operation of the platform, merged by the gateway from the documents of the services. ' +
        'Each service answers under /api/v1/<service>/.',
      contact: { name: 'Bình dân học vụ số platform, Lai Châu province' },
    },
    // The entry point faces district systems, the MOOC platform and the VNeID adapter over the internet.
    servers: [{ url: '/', 'x-internal': false }],
    tags: [...tags.values()] as OpenAPIObject['tags'],
    paths,
    components: Object.fromEntries(
      Object.entries(components).map(([kind, entries]) => [kind, sortKeys(entries)]),
    ),
  };
  if (unavailable.length > 0) merged['x-unavailable-services'] = unavailable;
  if (duplicates.length > 0) merged['x-duplicate-operations'] = duplicates;
  return merged;
}

/**
 * Which components each service must rename. Repeated until stable: renaming `Item` in two services
 * makes their otherwise identical `Page { items: Item[] }` differ too.
 */
function renamesForConflicts(sources: { service: string; doc: OpenAPIObject }[]): Map<string, Renames> {
  const definitions = new Map<string, { service: string; value: unknown }[]>();
  for (const { service, doc } of sources) {
    for (const kind of REF_KINDS) {
      for (const [name, value] of Object.entries(doc.components?.[kind] ?? {})) {
        const key = `#/components/${kind}/${name}`;
        const list = definitions.get(key) ?? [];
        list.push({ service, value });
        definitions.set(key, list);
      }
    }
  }
  const shared = [...definitions.entries()].filter(([, list]) => list.length > 1);
  const conflicting = new Set<string>();
  const provisional = (service: string): Renames =>
    new Map([...conflicting].map((key) => [key, `${key}\u0000${service}`]));
  for (let changed = true; changed;) {
    changed = false;
    for (const [key, list] of shared) {
      if (conflicting.has(key)) continue;
      const forms = new Set(
        list.map(({ service, value }) => canonicalJson(rewriteRefs(value, provisional(service)))),
      );
      if (forms.size > 1) {
        conflicting.add(key);
        changed = true;
      }
    }
  }

  const taken = new Set([...definitions.keys()]);
  const renames = new Map<string, Renames>();
  for (const key of [...conflicting].sort()) {
    const kindPrefix = key.slice(0, key.lastIndexOf('/') + 1);
    const name = key.slice(kindPrefix.length);
    for (const { service } of definitions.get(key) ?? []) {
      let candidate = `${kindPrefix}${pascalCase(service)}${name}`;
      for (let n = 2; taken.has(candidate); n++) candidate = `${kindPrefix}${pascalCase(service)}${name}${n}`;
      taken.add(candidate);
      const own = renames.get(service) ?? new Map<string, string>();
      own.set(key, candidate);
      renames.set(service, own);
    }
  }
  return renames;
}

/** A document-wide `security` applies to every operation that has none, so it survives the merge. */
function withOperationSecurity(doc: OpenAPIObject): OpenAPIObject {
  if (!doc.security) return doc;
  const paths = Object.fromEntries(
    Object.entries(doc.paths ?? {}).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([key, operation]) =>
          HTTP_METHODS.has(key) && isObject(operation) && !('security' in operation)
            ? [key, { ...operation, security: doc.security }]
            : [key, operation],
        ),
      ),
    ]),
  );
  return { ...doc, paths };
}

/** A copy of `value` with each `$ref` (and discriminator mapping) renamed as `renames` says. */
function rewriteRefs(value: unknown, renames: Renames, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames));
  if (!isObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const isRef = (key === '$ref' || parentKey === 'mapping') && typeof child === 'string';
    copy[key] = isRef ? (renames.get(child as string) ?? child) : rewriteRefs(child, renames, key);
  }
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pascalCase(text: string): string {
  return text
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** JSON with object keys sorted at every level: two definitions are equal when these are equal. */
export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, child) => (isObject(child) ? sortKeys(child) : child), indent);
}
