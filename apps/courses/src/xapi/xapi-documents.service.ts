import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Database } from '@bdhvs/service-runtime';
import { type DocumentKind, checkPreconditions, mergeDocument } from './domain/document';
import { type Json, checkActor, ifiKey, isTimestamp, isUuid } from './domain/statement';
import { XapiBadRequestError, XapiNotFoundError } from './domain/xapi.errors';
import { DocumentRepository, DocumentScope } from './document.repository';
import type { XapiRequest, XapiResponse } from './xapi-http';

const RESOURCES: Record<DocumentKind, { id: string; params: string[] }> = {
  state: { id: 'stateId', params: ['activityId', 'agent', 'registration', 'stateId', 'since'] },
  'activity-profile': { id: 'profileId', params: ['activityId', 'profileId', 'since'] },
  'agent-profile': { id: 'profileId', params: ['agent', 'profileId', 'since'] },
};

const etagOf = (content: Buffer) => `"${createHash('sha1').update(content).digest('hex')}"`;

export function agentParam(query: Map<string, string>): string {
  const text = query.get('agent');
  if (text === undefined) throw new XapiBadRequestError('agent', 'is required');
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new XapiBadRequestError('agent', 'must be a JSON Agent');
  }
  const key = ifiKey(checkActor(parsed, 'agent'));
  if (!key) throw new XapiBadRequestError('agent', 'needs an inverse functional identifier');
  return key;
}

/** The state, activity profile and agent profile resources (xAPI 1.0.3, 2.3, 2.6, 2.7). */
@Injectable()
export class XapiDocumentsService {
  constructor(
    private readonly db: Database,
    private readonly documents: DocumentRepository,
  ) {}

  async handle(mooc: string, kind: DocumentKind, req: XapiRequest, now = new Date()): Promise<XapiResponse> {
    const { id: idParam, params } = RESOURCES[kind];
    const unknown = [...req.query.keys()].find((k) => !params.includes(k));
    if (unknown) throw new XapiBadRequestError(unknown, 'is not a parameter of this resource');
    const scope = this.scopeOf(mooc, kind, req.query);
    const documentId = req.query.get(idParam);
    if (req.query.has('since') && req.method !== 'GET' && req.method !== 'HEAD')
      throw new XapiBadRequestError('since', 'is only for GET');
    switch (req.method) {
      case 'GET':
      case 'HEAD':
        return this.get(scope, documentId, req.query);
      case 'PUT':
      case 'POST':
        if (documentId === undefined) throw new XapiBadRequestError(idParam, 'is required');
        return this.write(scope, documentId, req, now);
      case 'DELETE':
        if (documentId === undefined && kind !== 'state')
          throw new XapiBadRequestError(idParam, 'is required');
        return this.delete(scope, documentId, req);
      default:
        throw new XapiBadRequestError('method', `${req.method} is not allowed here`);
    }
  }

  private scopeOf(mooc: string, kind: DocumentKind, query: Map<string, string>): DocumentScope {
    const activityId = kind === 'agent-profile' ? '' : query.get('activityId');
    if (activityId === undefined) throw new XapiBadRequestError('activityId', 'is required');
    if (kind !== 'agent-profile' && !/^[a-z][a-z0-9+.-]*:\S*$/i.test(activityId))
      throw new XapiBadRequestError('activityId', 'must be an IRI');
    const agent = kind === 'activity-profile' ? '' : agentParam(query);
    const registration = kind === 'state' ? (query.get('registration') ?? '') : '';
    if (registration !== '' && !isUuid(registration))
      throw new XapiBadRequestError('registration', 'must be a UUID');
    return { mooc, kind, activityId, agent, registration: registration.toLowerCase() };
  }

  private async get(
    scope: DocumentScope,
    documentId: string | undefined,
    query: Map<string, string>,
  ): Promise<XapiResponse> {
    if (documentId === undefined) {
      const since = query.get('since');
      if (since !== undefined && !isTimestamp(since))
        throw new XapiBadRequestError('since', 'must be an ISO 8601 timestamp');
      const ids = await this.documents.listIds(scope, since === undefined ? undefined : new Date(since));
      return { status: 200, body: ids };
    }
    if (query.has('since')) throw new XapiBadRequestError('since', 'is only for a list of ids');
    const doc = await this.documents.find(null, scope, documentId);
    if (!doc) throw new XapiNotFoundError('document with this id', RESOURCES[scope.kind].id);
    return {
      status: 200,
      headers: {
        'Content-Type': doc.contentType,
        ETag: doc.etag,
        'Last-Modified': new Date(doc.updated).toUTCString(),
      },
      body: doc.content,
    };
  }

  private async write(
    scope: DocumentScope,
    documentId: string,
    req: XapiRequest,
    now: Date,
  ): Promise<XapiResponse> {
    const method = req.method as 'PUT' | 'POST';
    const contentType = req.contentType || 'application/octet-stream';
    if (/^application\/json\b/i.test(contentType) && method === 'PUT') {
      try {
        JSON.parse(req.body.toString('utf8'));
      } catch {
        throw new XapiBadRequestError('body', 'is not the JSON its Content-Type says');
      }
    }
    const etag = await this.db.transaction(async (tx) => {
      await this.documents.lock(tx, scope, documentId);
      const existing = await this.documents.find(tx, scope, documentId);
      checkPreconditions(
        existing,
        { ifMatch: req.headers['if-match'], ifNoneMatch: req.headers['if-none-match'] },
        {
          method,
          kind: scope.kind,
        },
      );
      const next =
        method === 'POST'
          ? mergeDocument(existing, req.body, contentType)
          : { content: req.body, contentType };
      const tag = etagOf(next.content);
      await this.documents.save(tx, scope, documentId, { ...next, etag: tag, updated: now });
      return tag;
    });
    return { status: 204, headers: { ETag: etag } };
  }

  private async delete(
    scope: DocumentScope,
    documentId: string | undefined,
    req: XapiRequest,
  ): Promise<XapiResponse> {
    await this.db.transaction(async (tx) => {
      if (documentId !== undefined) {
        await this.documents.lock(tx, scope, documentId);
        const existing = await this.documents.find(tx, scope, documentId);
        checkPreconditions(
          existing,
          { ifMatch: req.headers['if-match'], ifNoneMatch: req.headers['if-none-match'] },
          {
            method: 'DELETE',
            kind: scope.kind,
          },
        );
      }
      await this.documents.delete(tx, scope, documentId);
    });
    return { status: 204 };
  }
}
