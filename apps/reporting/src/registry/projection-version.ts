import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '@bdhvs/service-runtime';

/** What a change touched: units named outright, and the units where these learners count or counted. */
export interface ChangedUnits {
  units?: readonly string[];
  learnerKeys?: readonly string[];
}

/** A page of the change feed: the units changed after a version, up to `version`. */
export interface UnitChanges {
  version: string;
  units: string[];
}

const FEED_RETENTION = '35 days';

/**
 * A counter that every transaction changing what the indicators read bumps before it commits, noting
 * which units changed. A read computed at version v stays right until the version moves: the key of the
 * read cache and of ETags; the noted units are the change feed.
 */
@Injectable()
export class ProjectionVersion {
  constructor(private readonly db: Database) {}

  async bump(tx: EntityManager, changed: ChangedUnits = {}): Promise<void> {
    await tx.query(
      `WITH v AS (UPDATE projection_version SET version = version + 1 WHERE id = 1 RETURNING version)
       INSERT INTO indicator_change (version, unit_code)
       SELECT v.version, u.unit_code FROM v, (
         SELECT unnest($1::text[]) AS unit_code
         UNION SELECT unit_code FROM learner_profile WHERE learner_key = ANY($2)
         UNION SELECT unit_code FROM qualification WHERE learner_key = ANY($2)
       ) u
       ON CONFLICT DO NOTHING`,
      [changed.units ?? [], changed.learnerKeys ?? []],
    );
  }

  async current(): Promise<string> {
    const [row] = await this.db.manager.query(
      'SELECT version::text AS version FROM projection_version WHERE id = 1',
    );
    return row.version as string;
  }

  /** The units changed after `since`, or null when `since` is older than what the feed keeps. */
  async changedSince(since: string): Promise<UnitChanges | null> {
    await this.db.manager.query(
      `WITH gone AS (DELETE FROM indicator_change WHERE changed_at < now() - interval '${FEED_RETENTION}' RETURNING version)
       UPDATE projection_version SET pruned_through = greatest(pruned_through, (SELECT max(version) FROM gone))
       WHERE id = 1 AND EXISTS (SELECT 1 FROM gone)`,
    );
    const [state] = await this.db.manager.query(
      'SELECT version::text AS version, pruned_through::text AS "prunedThrough" FROM projection_version WHERE id = 1',
    );
    if (BigInt(since) < BigInt(state.prunedThrough)) return null;
    const rows: { unit_code: string }[] = await this.db.manager.query(
      'SELECT DISTINCT unit_code FROM indicator_change WHERE version > $1 AND version <= $2',
      [since, state.version],
    );
    return { version: state.version as string, units: rows.map((r) => r.unit_code) };
  }
}
