import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '@bdhvs/service-runtime';

/**
 * A counter that every transaction changing what the indicators read bumps before it commits. A read
 * computed at version v stays right until the version moves: the key of the read cache (and of ETags).
 */
@Injectable()
export class ProjectionVersion {
  constructor(private readonly db: Database) {}

  async bump(tx: EntityManager): Promise<void> {
    await tx.query('UPDATE projection_version SET version = version + 1 WHERE id = 1');
  }

  async current(): Promise<string> {
    const [row] = await this.db.manager.query(
      'SELECT version::text AS version FROM projection_version WHERE id = 1',
    );
    return row.version as string;
  }
}
