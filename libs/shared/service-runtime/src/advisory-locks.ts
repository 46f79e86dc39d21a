import type { EntityManager } from 'typeorm';

/**
 * Serialises transactions that touch the same keys (e.g. one learner's events read from two topics or
 * two channels), in one statement. Keys are locked in a fixed (hash) order, so two batches never deadlock;
 * the locks end with the transaction.
 */
export async function lockKeys(tx: EntityManager, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.query(
    `SELECT pg_advisory_xact_lock(h) FROM (
       SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY 1) s`,
    [keys],
  );
}
