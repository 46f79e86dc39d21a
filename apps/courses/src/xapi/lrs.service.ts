import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AttachmentPart } from './domain/attachments';
import { checkPartHash } from './domain/attachments';
import { type Json, XAPI_VERSION, acceptedLanguages, isUuid, mergeActivity } from './domain/statement';
import { XapiBadRequestError, XapiNotFoundError } from './domain/xapi.errors';
import { ReadStatementsService } from './read-statements.service';
import { RecordStatementsService } from './record-statements.service';
import { StatementRepository } from './statement.repository';
import { XapiAuthService } from './xapi-auth.service';
import { XapiDocumentsService, agentParam } from './xapi-documents.service';
import { XapiRequest, XapiResponse, buildMultipart, parseMultipart } from './xapi-http';

export type LrsResource =
  | 'statements'
  | 'activities/state'
  | 'activities/profile'
  | 'agents/profile'
  | 'activities'
  | 'agents'
  | 'about';

function parseJson(body: Buffer, field: string): Json {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new XapiBadRequestError(field, 'is not valid JSON');
  }
}

/**
 * The LRS at /api/v1/courses/xapi: checks the version header and the caller, then hands the request to
 * the resource's service. Answers are plain `XapiResponse`s the controller writes.
 */
@Injectable()
export class LrsService {
  constructor(
    private readonly auth: XapiAuthService,
    private readonly record: RecordStatementsService,
    private readonly reads: ReadStatementsService,
    private readonly documents: XapiDocumentsService,
    private readonly statements: StatementRepository,
  ) {}

  async handle(resource: LrsResource, req: XapiRequest): Promise<XapiResponse> {
    if (resource === 'about')
      return { status: 200, body: { version: [XAPI_VERSION, '1.0.2', '1.0.1', '1.0.0'] } };
    const version = req.headers['x-experience-api-version'];
    if (version === undefined) throw new XapiBadRequestError('X-Experience-API-Version', 'is required');
    if (!/^1\.0(\.\d+)?$/.test(version.trim()))
      throw new XapiBadRequestError('X-Experience-API-Version', 'must be a 1.0.x version');
    const principal = await this.auth.authenticate(req.headers['authorization']);
    switch (resource) {
      case 'statements':
        return this.statementsResource(principal, req);
      case 'activities/state':
        return this.documents.handle(principal.mooc, 'state', req);
      case 'activities/profile':
        return this.documents.handle(principal.mooc, 'activity-profile', req);
      case 'agents/profile':
        return this.documents.handle(principal.mooc, 'agent-profile', req);
      case 'activities':
        return this.activity(principal.mooc, req);
      case 'agents':
        return this.agent(req);
    }
  }

  private async statementsResource(
    principal: Awaited<ReturnType<XapiAuthService['authenticate']>>,
    req: XapiRequest,
  ): Promise<XapiResponse> {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const result = await this.reads.read(
        principal.mooc,
        req.query,
        acceptedLanguages(req.headers['accept-language']),
      );
      const headers: Record<string, string> = {};
      if (result.lastModified) headers['Last-Modified'] = result.lastModified.toUTCString();
      if (result.attachments) {
        const boundary = randomUUID();
        headers['Content-Type'] = `multipart/mixed; boundary=${boundary}`;
        return { status: 200, headers, body: buildMultipart(result.body, result.attachments, boundary) };
      }
      return { status: 200, headers, body: result.body };
    }
    if (req.method !== 'POST' && req.method !== 'PUT')
      throw new XapiBadRequestError('method', `${req.method} is not allowed on statements`);
    const { statements, parts } = this.readStatementsBody(req);
    if (req.method === 'PUT') {
      const other = [...req.query.keys()].find((k) => k !== 'statementId');
      if (other) throw new XapiBadRequestError(other, 'is not a parameter of PUT /statements');
      const id = req.query.get('statementId');
      if (id === undefined) throw new XapiBadRequestError('statementId', 'is required');
      if (!isUuid(id)) throw new XapiBadRequestError('statementId', 'must be a UUID');
      if (Array.isArray(statements)) throw new XapiBadRequestError('body', 'a PUT takes one statement');
      await this.record.record(principal, [statements], parts, id);
      return { status: 204 };
    }
    if (req.query.size > 0)
      throw new XapiBadRequestError([...req.query.keys()][0], 'is not a parameter of POST');
    const ids = await this.record.record(
      principal,
      Array.isArray(statements) ? statements : [statements],
      parts,
    );
    return { status: 200, body: ids };
  }

  /** application/json, or multipart/mixed with the statements first and one part per attachment. */
  private readStatementsBody(req: XapiRequest): { statements: Json; parts: Map<string, AttachmentPart> } {
    const parts = new Map<string, AttachmentPart>();
    if (/^multipart\/mixed\b/i.test(req.contentType)) {
      const [first, ...rest] = parseMultipart(req.body, req.contentType);
      if (!first || !/^application\/json\b/i.test(first.headers['content-type'] ?? ''))
        throw new XapiBadRequestError('Content-Type', 'the first part must be application/json');
      rest.forEach((part, i) => {
        const sha2 = part.headers['x-experience-api-hash'];
        if (!sha2) throw new XapiBadRequestError('X-Experience-API-Hash', `part ${i + 2} has none`);
        if ((part.headers['content-transfer-encoding'] ?? '').toLowerCase() !== 'binary')
          throw new XapiBadRequestError('Content-Transfer-Encoding', `part ${i + 2} must be binary`);
        const attachment = {
          sha2: sha2.toLowerCase(),
          contentType: part.headers['content-type'] ?? 'application/octet-stream',
          content: part.body,
        };
        checkPartHash(attachment, 'X-Experience-API-Hash');
        parts.set(attachment.sha2, attachment);
      });
      return { statements: parseJson(first.body, 'statements'), parts };
    }
    if (!/^application\/json\b/i.test(req.contentType))
      throw new XapiBadRequestError('Content-Type', 'must be application/json or multipart/mixed');
    return { statements: parseJson(req.body, 'statements'), parts };
  }

  private async activity(mooc: string, req: XapiRequest): Promise<XapiResponse> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new XapiBadRequestError('method', 'only GET');
    const id = req.query.get('activityId');
    if (id === undefined) throw new XapiBadRequestError('activityId', 'is required');
    const other = [...req.query.keys()].find((k) => k !== 'activityId');
    if (other) throw new XapiBadRequestError(other, 'is not a parameter of /activities');
    const objects = await this.statements.findActivityObjects(mooc, id);
    if (objects.length === 0) throw new XapiNotFoundError('activity with this id', 'activityId');
    return { status: 200, body: mergeActivity(id, objects) };
  }

  /** The Person object: what the LRS knows of the agent is what it was asked with. */
  private async agent(req: XapiRequest): Promise<XapiResponse> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new XapiBadRequestError('method', 'only GET');
    const other = [...req.query.keys()].find((k) => k !== 'agent');
    if (other) throw new XapiBadRequestError(other, 'is not a parameter of /agents');
    agentParam(req.query);
    const agent = JSON.parse(req.query.get('agent') as string) as Record<string, Json>;
    const person: Record<string, Json> = { objectType: 'Person' };
    for (const k of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account'])
      if (agent[k] !== undefined) person[k] = [agent[k]];
    return { status: 200, body: person };
  }
}
