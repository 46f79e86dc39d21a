import { createHash } from 'node:crypto';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { DomainError } from '@bdhvs/domain';

/**
 * `Idempotency-Key` (the HTTP convention of every service): a caller's key remembers which operation it
 * was used for, a hash of the request, and the resource it created. It is stored in the same transaction
 * as the effect, so a retried request is answered as the first one was, and never applied twice.
 * Nothing personal is stored: a replay reads the resource again.
 */
export interface IdempotentOutcome {
  operation: string;
  requestHash: string;
  status: number;
  resourceId: string;
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('idempotency-key-reused', 'This Idempotency-Key was used with another request body.');
  }
}

/** JSON with sorted keys: two bodies that differ only in key order are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export class IdempotencyKeys {
  /**
   * The resource an earlier request with this key created, or null when the key is new. Throws when the
   * key was used for another operation or another body.
   */
  async replayOf(
    tx: EntityManager,
    caller: string,
    key: string,
    operation: string,
    hash: string,
  ): Promise<IdempotentOutcome | null> {
    const rows: { operation: string; request_hash: string; status: number; resource_id: string }[] =
      await tx.query(
        'SELECT operation, request_hash, status, resource_id FROM idempotency_key WHERE caller = $1 AND key = $2',
        [caller, key],
      );
    if (rows.length === 0) return null;
    const [row] = rows;
    if (row.operation !== operation || row.request_hash !== hash) throw new IdempotencyKeyReusedError();
    return {
      operation: row.operation,
      requestHash: row.request_hash,
      status: row.status,
      resourceId: row.resource_id,
    };
  }

  /** Stores the key in the caller's transaction; false when a concurrent twin stored it first. */
  async remember(
    tx: EntityManager,
    caller: string,
    key: string,
    outcome: IdempotentOutcome,
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO idempotency_key (caller, key, operation, request_hash, status, resource_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (caller, key) DO NOTHING RETURNING key`,
      [caller, key, outcome.operation, outcome.requestHash, outcome.status, outcome.resourceId],
    );
    return rows.length > 0;
  }
}

/** The table behind `IdempotencyKeys`; a service that honours the header includes it in its migrations. */
export class IdempotencyKeyTable1764000000010 implements MigrationInterface {
  name = 'IdempotencyKeyTable1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS idempotency_key (
        caller text NOT NULL,
        key text NOT NULL,
        operation text NOT NULL,
        request_hash char(64) NOT NULL,
        status integer NOT NULL,
        resource_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_key');
  }
}
