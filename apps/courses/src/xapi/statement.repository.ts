import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import type { JsonObject } from './domain/statement';
import { XapiAttachmentEntity, XapiStatementEntity } from './xapi.entity';

export type StoredStatementRow = Omit<XapiStatementEntity, 'seq' | 'voided'>;

export interface Attachment {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/** GET /statements as the repository runs it: every filter optional, bounded by the MOOC. */
export interface StatementQuery {
  mooc: string;
  agent?: string;
  relatedAgents: boolean;
  verb?: string;
  activity?: string;
  relatedActivities: boolean;
  registration?: string;
  since?: Date;
  until?: Date;
  ascending: boolean;
  /** Continue after this seq (a `more` page). */
  after?: string;
  /** The last seq the first page could see: later pages never show newer statements. */
  upTo?: string;
  limit: number;
}

export interface StatementRow {
  seq: string;
  statement: JsonObject;
  stored: Date;
  attachmentHashes: string[];
}

/** The only code that knows the xapi_statement and xapi_attachment tables. */
@Injectable()
export class StatementRepository {
  private readonly statements: EntityTable<XapiStatementEntity>;
  private readonly attachments: EntityTable<XapiAttachmentEntity>;

  constructor(private readonly db: Database) {
    this.statements = EntityTable.of(db.dataSource, XapiStatementEntity);
    this.attachments = EntityTable.of(db.dataSource, XapiAttachmentEntity);
  }

  /** Inserts every new statement in one statement; returns the ids it inserted (not those stored before). */
  async insert(tx: EntityManager, rows: StoredStatementRow[]): Promise<string[]> {
    return this.statements.insertMany(tx, rows, { onConflict: '(id) DO NOTHING', returning: 'id' });
  }

  /** The statements with these ids: the hash of what was received and what they void. */
  async findReceived(
    tx: EntityManager,
    ids: readonly string[],
  ): Promise<{ id: string; receivedSha256: string; voidingTarget: string | null }[]> {
    if (ids.length === 0) return [];
    return tx.query(
      `SELECT s.id, s.received_sha256 AS "receivedSha256", s.voiding_target AS "voidingTarget" FROM xapi_statement s WHERE s.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
  }

  async markVoided(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(
      'UPDATE xapi_statement SET voided = true WHERE id = ANY($1::uuid[]) AND voiding_target IS NULL',
      [[...new Set(ids)]],
    );
  }

  async saveAttachments(tx: EntityManager, attachments: Attachment[]): Promise<void> {
    await this.attachments.insertMany(tx, attachments, { onConflict: '(sha2) DO NOTHING' });
  }

  /** Links the account's unlinked statements to the learner; returns them, oldest first. */
  async link(
    tx: EntityManager,
    account: string,
    learnerId: string,
  ): Promise<{ statement: JsonObject; stored: Date }[]> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows]: [{ statement: JsonObject; stored: Date; seq: string }[], number] = await tx.query(
      `UPDATE xapi_statement SET learner_id = $2 WHERE actor_account = $1 AND learner_id IS NULL
        RETURNING statement, stored, seq`,
      [account, learnerId],
    );
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq));
  }

  /** One statement of the MOOC by id: voided or not, as asked. */
  async findOne(mooc: string, id: string, voided: boolean): Promise<StatementRow | null> {
    const [row] = await this.db.manager.query(
      `SELECT s.seq, s.statement, s.stored, s.attachment_hashes AS "attachmentHashes" FROM xapi_statement s
        WHERE s.id = $1 AND s.mooc = $2 AND s.voided = $3`,
      [id, mooc, voided],
    );
    return (row as StatementRow | undefined) ?? null;
  }

  /** The seq of the newest statement of the MOOC: the bound a paged query keeps. */
  async lastSeq(mooc: string): Promise<string> {
    const [row] = await this.db.manager.query(
      'SELECT COALESCE(max(seq), 0)::text AS seq FROM xapi_statement WHERE mooc = $1',
      [mooc],
    );
    return (row as { seq: string }).seq;
  }

  /**
   * Filtered statements, voided ones left out, in storage order; at most `limit`. The filters on what a
   * statement is about (agent, verb, activity, registration) also match a statement whose StatementRef
   * points at a statement that matches them (xAPI 1.0.3, 2.1.4: a voiding statement of a match, say).
   */
  async query(q: StatementQuery): Promise<StatementRow[]> {
    const params: unknown[] = [q.mooc];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const about: ((alias: string) => string)[] = [];
    // The related_* arrays hold the plain ones: their GIN index finds the rows, the plain array rechecks.
    if (q.agent !== undefined) {
      const p = param(q.agent);
      about.push(
        (a) =>
          `${a}.related_agents @> ARRAY[${p}::text]${q.relatedAgents ? '' : ` AND ${a}.agents @> ARRAY[${p}::text]`}`,
      );
    }
    if (q.verb !== undefined) {
      const p = param(q.verb);
      about.push((a) => `${a}.verb_id = ${p}`);
    }
    if (q.activity !== undefined) {
      const p = param(q.activity);
      about.push(
        (a) => `${a}.${q.relatedActivities ? 'related_activities' : 'activities'} @> ARRAY[${p}::text]`,
      );
    }
    if (q.registration !== undefined) {
      const p = param(q.registration);
      about.push((a) => `${a}.registration = ${p}::uuid`);
    }
    const where = ['s.mooc = $1', 'NOT s.voided'];
    if (about.length > 0) {
      const on = (a: string) => about.map((f) => f(a)).join(' AND ');
      where.push(
        `(${on('s')} OR (s.object_ref IS NOT NULL AND EXISTS (
           SELECT 1 FROM xapi_statement t WHERE t.id = s.object_ref AND t.mooc = s.mooc AND ${on('t')})))`,
      );
    }
    if (q.since !== undefined) where.push(`s.stored > ${param(q.since)}`);
    if (q.until !== undefined) where.push(`s.stored <= ${param(q.until)}`);
    if (q.upTo !== undefined) where.push(`s.seq <= ${param(q.upTo)}::bigint`);
    if (q.after !== undefined) where.push(`s.seq ${q.ascending ? '>' : '<'} ${param(q.after)}::bigint`);
    const limit = param(q.limit);
    return this.db.manager.query(
      `SELECT s.seq, s.statement, s.stored, s.attachment_hashes AS "attachmentHashes" FROM xapi_statement s
        WHERE ${where.join(' AND ')}
        ORDER BY s.seq ${q.ascending ? 'ASC' : 'DESC'} LIMIT ${limit}`,
      params,
    );
  }

  async findAttachments(hashes: readonly string[]): Promise<Attachment[]> {
    if (hashes.length === 0) return [];
    return this.db.manager.query(
      `SELECT ${this.attachments.select('a')} FROM xapi_attachment a WHERE a.sha2 = ANY($1::text[])`,
      [[...new Set(hashes)]],
    );
  }

  /** The activity objects of the MOOC's statements about this activity, oldest first (the latest 1,000). */
  async findActivityObjects(mooc: string, activityId: string): Promise<JsonObject[]> {
    const rows: { activity: JsonObject }[] = await this.db.manager.query(
      `SELECT a.activity FROM (
         SELECT s.statement->'object' AS activity, s.seq FROM xapi_statement s
          WHERE s.mooc = $1 AND s.object_id = $2 AND s.activities @> ARRAY[$2::text]
          ORDER BY s.seq DESC LIMIT 1000) a
        ORDER BY a.seq`,
      [mooc, activityId],
    );
    return rows.map((r) => r.activity);
  }
}
