import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Database, GroupCommit, SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { CoursesConfig } from '../config/courses-config';
import { type AttachmentPart, checkAttachmentParts, checkSignatures } from './domain/attachments';
import {
  type Json,
  type JsonObject,
  VERBS,
  canonicalJson,
  checkStatement,
  completeStatement,
  indexStatement,
} from './domain/statement';
import { XapiBadRequestError, XapiConflictError } from './domain/xapi.errors';
import { LrsCredentialRepository } from './lrs-credential.repository';
import { StatementProgressService } from './statement-progress.service';
import { StatementRepository, StoredStatementRow } from './statement.repository';
import type { LrsPrincipal } from './xapi-auth.service';

/**
 * POST and PUT /statements: checks every statement first (nothing is stored if one is refused), then,
 * in one transaction, one multi-row insert of the statements, one of the attachments, one update of the
 * statements they void, and what they mean for enrolments through the REST progress path.
 */
@Injectable()
export class RecordStatementsService {
  private readonly calls: GroupCommit<StatementCall, true>;

  constructor(
    private readonly db: Database,
    private readonly statements: StatementRepository,
    private readonly accounts: LrsCredentialRepository,
    private readonly progress: StatementProgressService,
    @Inject(SERVICE_CONFIG) config: CoursesConfig,
  ) {
    // Concurrent POSTs and PUTs share one transaction; each answer waits for that commit.
    this.calls = new GroupCommit((items) => this.applyAll(items, new Date()), {
      maxWaitMs: config.COURSES_XAPI_GROUP_COMMIT_MS,
      maxItems: 64,
      maxConcurrent: 4,
    });
  }

  async record(
    principal: LrsPrincipal,
    input: Json[],
    parts: Map<string, AttachmentPart>,
    putId?: string,
    now = new Date(),
  ): Promise<string[]> {
    if (input.length === 0) throw new XapiBadRequestError('statements', 'must not be empty');
    const received = input.map((s, i) => {
      try {
        return checkStatement(s);
      } catch (error) {
        if (error instanceof XapiBadRequestError && input.length > 1)
          throw new XapiBadRequestError(`statements.${i}`, error.message);
        throw error;
      }
    });
    if (putId !== undefined) {
      if (received[0]['id'] !== undefined && String(received[0]['id']).toLowerCase() !== putId.toLowerCase())
        throw new XapiBadRequestError('statementId', 'differs from the statement id');
    }
    checkAttachmentParts(received, parts);
    checkSignatures(received, parts);
    const ids = received.map((s, i) =>
      (i === 0 && putId !== undefined
        ? putId
        : ((s['id'] as string | undefined) ?? randomUUID())
      ).toLowerCase(),
    );
    if (new Set(ids).size !== ids.length) throw new XapiBadRequestError('id', 'appears twice in the batch');
    const rows: StoredStatementRow[] = received.map((s, i) => {
      const statement = completeStatement({ ...s, id: ids[i] }, ids[i], now, principal.authority);
      const index = indexStatement(statement);
      return {
        id: ids[i],
        mooc: principal.mooc,
        statement,
        receivedSha256: createHash('sha256')
          .update(canonicalJson({ ...s, id: ids[i] }))
          .digest('hex'),
        stored: now,
        verbId: index.verbId,
        objectId: index.objectId,
        voidingTarget: index.voidingTarget,
        objectRef: index.objectRef,
        registration: index.registration,
        agents: index.agents,
        relatedAgents: index.relatedAgents,
        activities: index.activities,
        relatedActivities: index.relatedActivities,
        actorAccount: index.actorAccount ? `${index.actorAccount.homePage}|${index.actorAccount.name}` : null,
        learnerId: null,
        attachmentHashes: Array.isArray(s['attachments'])
          ? (s['attachments'] as JsonObject[]).map((a) => String(a['sha2']).toLowerCase())
          : [],
      };
    });
    await this.calls.submit({ mooc: principal.mooc, rows, parts: [...parts.values()] });
    return ids;
  }

  /**
   * One transaction for the statements of concurrent calls: the accounts locked and read in one
   * statement each, one read of the voiding targets, one multi-row insert, one update of the voided
   * statements, one insert of attachments, then their meaning for enrolments. A conflict fails the group,
   * which GroupCommit then applies call by call, so that only the conflicting call is refused.
   */
  private async applyAll(items: StatementCall[], now: Date): Promise<true[]> {
    const rows = items.flatMap((i) => i.rows);
    for (const row of rows) {
      row.stored = now;
      (row.statement as JsonObject)['stored'] = now.toISOString();
    }
    await this.db.transaction(async (tx) => {
      const accounts = rows.map((r) => r.actorAccount).filter((a): a is string => a !== null);
      await this.accounts.lockAccounts(tx, accounts);
      const learners = await this.accounts.learnersOf(tx, accounts);
      for (const row of rows)
        row.learnerId = row.actorAccount ? (learners.get(row.actorAccount) ?? null) : null;

      const targets = rows.map((r) => r.voidingTarget).filter((t): t is string => t !== null);
      const known = await this.statements.findReceived(tx, targets);
      for (const row of rows) {
        if (row.voidingTarget === null) continue;
        const target =
          known.find((k) => k.id === row.voidingTarget) ?? rows.find((r) => r.id === row.voidingTarget);
        if (target && target.voidingTarget !== null)
          throw new XapiBadRequestError('object.id', 'a voiding statement cannot be voided');
      }
      const inserted = new Set(await this.statements.insert(tx, rows));
      // The first row of an id that was inserted is new; any other row of that id (stored before, by a
      // concurrent call, or by another call of this group) must have the same content.
      const fresh: StoredStatementRow[] = [];
      const again: StoredStatementRow[] = [];
      for (const row of rows) {
        if (inserted.delete(row.id)) fresh.push(row);
        else again.push(row);
      }
      const before = await this.statements.findReceived(
        tx,
        again.map((r) => r.id),
      );
      for (const row of again) {
        const stored = before.find((b) => b.id === row.id);
        if (!stored || stored.receivedSha256 !== row.receivedSha256)
          throw new XapiConflictError(`Statement ${row.id} is stored with other content.`);
      }
      await this.statements.markVoided(
        tx,
        fresh.map((r) => r.voidingTarget).filter((t): t is string => t !== null),
      );
      await this.statements.saveAttachments(
        tx,
        items.flatMap((i) =>
          i.parts.map((p) => ({
            sha2: p.sha2.toLowerCase(),
            contentType: p.contentType,
            content: p.content,
          })),
        ),
      );
      for (const mooc of new Set(items.map((i) => i.mooc))) {
        const linked = fresh.filter(
          (r) => r.mooc === mooc && r.learnerId !== null && r.verbId !== VERBS.voided,
        );
        await this.progress.apply(
          tx,
          linked.map((r) => ({
            statement: r.statement as JsonObject,
            learnerId: r.learnerId as string,
            stored: now,
          })),
          mooc,
          now,
        );
      }
    });
    return items.map(() => true);
  }
}

interface StatementCall {
  mooc: string;
  rows: StoredStatementRow[];
  parts: AttachmentPart[];
}
