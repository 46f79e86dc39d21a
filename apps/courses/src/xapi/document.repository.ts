import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import type { DocumentKind, XapiDocument } from './domain/document';
import { XapiDocumentEntity } from './xapi.entity';

/** Where a document lives: '' for a key its resource does not have. */
export interface DocumentScope {
  mooc: string;
  kind: DocumentKind;
  activityId: string;
  agent: string;
  registration: string;
}

/** The only code that knows the xapi_document table. */
@Injectable()
export class DocumentRepository {
  private readonly documents: EntityTable<XapiDocumentEntity>;

  constructor(private readonly db: Database) {
    this.documents = EntityTable.of(db.dataSource, XapiDocumentEntity);
  }

  private scopeSql(params: unknown[], scope: DocumentScope): string {
    params.push(scope.mooc, scope.kind, scope.activityId, scope.agent, scope.registration);
    const n = params.length;
    return `d.mooc = $${n - 4} AND d.kind = $${n - 3} AND d.activity_id = $${n - 2} AND d.agent = $${n - 1} AND d.registration = $${n}`;
  }

  /** The document, locked until the transaction ends when `tx` is one. */
  async find(manager: EntityManager | null, scope: DocumentScope, documentId: string, lock = false) {
    const params: unknown[] = [];
    const where = this.scopeSql(params, scope);
    params.push(documentId);
    const [row] = await (manager ?? this.db.manager).query(
      `SELECT ${this.documents.select('d')} FROM xapi_document d WHERE ${where} AND d.document_id = $${params.length}
        ${lock ? 'FOR UPDATE' : ''}`,
      params,
    );
    return (row as (XapiDocument & { documentId: string }) | undefined) ?? null;
  }

  /** Serialises writes of one document, also while it does not exist yet. */
  async lock(tx: EntityManager, scope: DocumentScope, documentId: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      JSON.stringify([scope.mooc, scope.kind, scope.activityId, scope.agent, scope.registration, documentId]),
    ]);
  }

  async save(tx: EntityManager, scope: DocumentScope, documentId: string, doc: XapiDocument): Promise<void> {
    await this.documents.insertMany(tx, [{ ...scope, documentId, ...doc }], {
      onConflict: `(mooc, kind, activity_id, agent, registration, document_id) DO UPDATE
        SET content = EXCLUDED.content, content_type = EXCLUDED.content_type, etag = EXCLUDED.etag, updated = EXCLUDED.updated`,
    });
  }

  /** The ids of the scope's documents, updated after `since` if given. */
  async listIds(scope: DocumentScope, since?: Date): Promise<string[]> {
    const params: unknown[] = [];
    const where = this.scopeSql(params, scope);
    params.push(since ?? null);
    const rows: { id: string }[] = await this.db.manager.query(
      `SELECT d.document_id AS id FROM xapi_document d WHERE ${where}
        AND ($${params.length}::timestamptz IS NULL OR d.updated > $${params.length}) ORDER BY d.document_id`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** Deletes one document, or every document of the scope when `documentId` is undefined. */
  async delete(tx: EntityManager, scope: DocumentScope, documentId?: string): Promise<void> {
    const params: unknown[] = [];
    const where = this.scopeSql(params, scope);
    if (documentId !== undefined) params.push(documentId);
    await tx.query(
      `DELETE FROM xapi_document d WHERE ${where}${documentId !== undefined ? ` AND d.document_id = $${params.length}` : ''}`,
      params,
    );
  }
}
