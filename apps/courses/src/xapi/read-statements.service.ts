import { Injectable } from '@nestjs/common';
import {
  type Json,
  type JsonObject,
  type StatementFormat,
  checkActor,
  formatStatement,
  ifiKey,
  isTimestamp,
  isUuid,
} from './domain/statement';
import { XapiBadRequestError, XapiNotFoundError } from './domain/xapi.errors';
import { Attachment, StatementQuery, StatementRepository, StatementRow } from './statement.repository';

export const STATEMENTS_PATH = '/api/v1/courses/xapi/statements';
export const MAX_PAGE = 500;

const FILTERS = [
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
];
const SINGLE = ['statementId', 'voidedStatementId', 'format', 'attachments'];

interface Shape {
  format: StatementFormat;
  languages: string[];
}

export interface StatementsResult {
  /** One statement, or a page `{ statements, more }`. */
  body: JsonObject;
  attachments: Attachment[] | null;
  lastModified: Date | null;
}

function bool(query: Map<string, string>, key: string): boolean {
  const value = query.get(key);
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false') throw new XapiBadRequestError(key, 'must be true or false');
  return value === 'true';
}

function iriParam(query: Map<string, string>, key: string): string | undefined {
  const value = query.get(key);
  if (value !== undefined && !/^[a-z][a-z0-9+.-]*:\S*$/i.test(value))
    throw new XapiBadRequestError(key, 'must be an IRI');
  return value;
}

function timeParam(query: Map<string, string>, key: string): Date | undefined {
  const value = query.get(key);
  if (value === undefined) return undefined;
  if (!isTimestamp(value)) throw new XapiBadRequestError(key, 'must be an ISO 8601 timestamp');
  return new Date(/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value) ? value : `${value}Z`);
}

/** GET /statements: one statement by id, or the filtered pages with `more`. */
@Injectable()
export class ReadStatementsService {
  constructor(private readonly statements: StatementRepository) {}

  async read(mooc: string, query: Map<string, string>, languages: string[] = []): Promise<StatementsResult> {
    const format = (query.get('format') ?? 'exact') as StatementFormat;
    if (!['exact', 'ids', 'canonical'].includes(format))
      throw new XapiBadRequestError('format', 'must be exact, ids or canonical');
    const attachments = bool(query, 'attachments');
    if (query.has('more'))
      return this.more(mooc, query.get('more') as string, { format, languages }, attachments, query);
    const id = query.get('statementId') ?? query.get('voidedStatementId');
    if (id !== undefined) {
      const voided = query.has('voidedStatementId');
      if (query.has('statementId') && voided)
        throw new XapiBadRequestError('voidedStatementId', 'cannot be given with statementId');
      const other = [...query.keys()].find((k) => !SINGLE.includes(k));
      if (other) throw new XapiBadRequestError(other, 'cannot be given with a statement id');
      const field = voided ? 'voidedStatementId' : 'statementId';
      if (!isUuid(id)) throw new XapiBadRequestError(field, 'must be a UUID');
      const row = await this.statements.findOne(mooc, id.toLowerCase(), voided);
      if (!row) throw new XapiNotFoundError('statement with this id', field);
      return {
        body: formatStatement(row.statement, format, languages),
        attachments: attachments ? await this.statements.findAttachments(row.attachmentHashes) : null,
        lastModified: new Date(row.stored),
      };
    }
    const unknown = [...query.keys()].find((k) => !FILTERS.includes(k));
    if (unknown) throw new XapiBadRequestError(unknown, 'is not a parameter of GET /statements');
    let agent: string | undefined;
    if (query.has('agent')) {
      let parsed: Json;
      try {
        parsed = JSON.parse(query.get('agent') as string);
      } catch {
        throw new XapiBadRequestError('agent', 'must be a JSON Agent or Group');
      }
      agent = ifiKey(checkActor(parsed, 'agent')) ?? undefined;
      if (!agent) throw new XapiBadRequestError('agent', 'needs an inverse functional identifier');
    }
    const registration = query.get('registration');
    if (registration !== undefined && !isUuid(registration))
      throw new XapiBadRequestError('registration', 'must be a UUID');
    const limitText = query.get('limit') ?? '0';
    if (!/^\d+$/.test(limitText)) throw new XapiBadRequestError('limit', 'must be a non-negative integer');
    const limit = Number(limitText) === 0 ? MAX_PAGE : Math.min(Number(limitText), MAX_PAGE);
    const q: StatementQuery = {
      mooc,
      agent,
      relatedAgents: bool(query, 'related_agents'),
      verb: iriParam(query, 'verb'),
      activity: iriParam(query, 'activity'),
      relatedActivities: bool(query, 'related_activities'),
      registration: registration?.toLowerCase(),
      since: timeParam(query, 'since'),
      until: timeParam(query, 'until'),
      ascending: bool(query, 'ascending'),
      limit,
      upTo: await this.statements.lastSeq(mooc),
    };
    return this.page(q, { format, languages }, attachments);
  }

  private async more(
    mooc: string,
    token: string,
    shape: Shape,
    attachments: boolean,
    query: Map<string, string>,
  ): Promise<StatementsResult> {
    if (query.size > 1 && [...query.keys()].some((k) => !['more', 'format', 'attachments'].includes(k)))
      throw new XapiBadRequestError('more', 'takes no other filter');
    let q: StatementQuery;
    try {
      q = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'), (k, v) =>
        (k === 'since' || k === 'until') && typeof v === 'string' ? new Date(v) : v,
      );
    } catch {
      throw new XapiBadRequestError('more', 'is not a more token of this LRS');
    }
    // The token comes back from the client: only a page size and seqs this LRS could have written pass.
    const seq = (v: unknown) => v === undefined || (typeof v === 'string' && /^\d{1,19}$/.test(v));
    if (
      q === null ||
      typeof q !== 'object' ||
      q.mooc !== mooc ||
      !Number.isInteger(q.limit) ||
      q.limit < 1 ||
      q.limit > MAX_PAGE ||
      !seq(q.after) ||
      !seq(q.upTo) ||
      (q.registration !== undefined && !isUuid(q.registration)) ||
      [q.agent, q.verb, q.activity].some((v) => v !== undefined && typeof v !== 'string') ||
      [q.since, q.until].some((d) => d !== undefined && Number.isNaN(new Date(d).getTime()))
    )
      throw new XapiBadRequestError('more', 'is not a more token of this LRS');
    return this.page(q, shape, attachments);
  }

  private async page(q: StatementQuery, shape: Shape, attachments: boolean): Promise<StatementsResult> {
    const rows: StatementRow[] = await this.statements.query({ ...q, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const next =
      rows.length > q.limit
        ? `${STATEMENTS_PATH}?more=${Buffer.from(JSON.stringify({ ...q, after: page[page.length - 1].seq })).toString('base64url')}`
        : '';
    const lastModified = page.reduce<Date | null>((m, r) => {
      const stored = new Date(r.stored);
      return m === null || stored > m ? stored : m;
    }, null);
    return {
      body: {
        statements: page.map((r) => formatStatement(r.statement, shape.format, shape.languages)),
        more: next,
      },
      attachments: attachments
        ? await this.statements.findAttachments(page.flatMap((r) => r.attachmentHashes))
        : null,
      lastModified,
    };
  }
}
