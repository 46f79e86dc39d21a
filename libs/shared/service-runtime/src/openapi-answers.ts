import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, PROBLEM_DETAILS_SCHEMA } from '@bdhvs/problem';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const PROBLEM_CONTENT = { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } };

type Responses = Record<string, { description?: string; content?: unknown; [key: string]: unknown }>;

interface OperationLike {
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Responses;
}

/**
 * The answers every operation of a service can give because of what the service runtime puts in front of
 * its controllers, whether the controller documents them or not: 400 from the validation pipe when there
 * is input to check, 404 when the path names an id, 401 from the token guard when the operation is not
 * public, 413 from the body parser when there is a body, 503 when the database is unreachable. Every error answer, documented here or by
 * the controller, is problem+json with the shared `Problem` schema.
 */
export function withPlatformAnswers(document: OpenAPIObject): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(document.paths)) {
    paths[path] = Object.fromEntries(
      Object.entries(item).map(([key, value]) =>
        HTTP_METHODS.has(key) ? [key, answered(value as OperationLike, document)] : [key, value],
      ),
    );
  }
  return {
    ...document,
    paths,
    components: {
      ...document.components,
      schemas: {
        ...document.components?.schemas,
        Problem: PROBLEM_DETAILS_SCHEMA as unknown as Record<string, unknown>,
      },
    },
  };
}

function answered(operation: OperationLike, document: OpenAPIObject): OperationLike {
  const responses: Responses = { ...operation.responses };
  const add = (status: string, description: string) => (responses[status] ??= { description });
  if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody)
    add('400', 'Input that breaks a rule of this operation; `errors` names each field at fault');
  if (operation.parameters?.some((p) => (p as { in?: string }).in === 'path'))
    add('404', 'Nothing with the id this path names');
  if ((operation.security ?? document.security ?? []).length > 0)
    add('401', 'No bearer token, or one that is expired, badly signed or for another audience');
  if (operation.requestBody) add('413', 'A body larger than this operation takes');
  add('503', 'The database is not reachable right now; retry later');
  for (const [status, response] of Object.entries(responses)) {
    if (/^[45]/.test(status) && !response.content)
      responses[status] = { ...response, content: PROBLEM_CONTENT };
  }
  return { ...operation, responses };
}
