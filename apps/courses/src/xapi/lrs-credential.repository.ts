import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable, lockKeys } from '@bdhvs/service-runtime';
import { LrsAccountEntity, LrsCredentialEntity } from './xapi.entity';

export type LrsCredential = LrsCredentialEntity;
export type LrsAccount = LrsAccountEntity;

/** The only code that knows the lrs_credential and lrs_account tables. */
@Injectable()
export class LrsCredentialRepository {
  private readonly credentials: EntityTable<LrsCredentialEntity>;
  private readonly accounts: EntityTable<LrsAccountEntity>;

  constructor(private readonly db: Database) {
    this.credentials = EntityTable.of(db.dataSource, LrsCredentialEntity);
    this.accounts = EntityTable.of(db.dataSource, LrsAccountEntity);
  }

  async insert(credential: LrsCredential): Promise<void> {
    await this.credentials.insertMany(this.db.manager, [credential]);
  }

  async findActive(key: string): Promise<LrsCredential | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.credentials.select('c')} FROM lrs_credential c WHERE c.key = $1 AND c.revoked_at IS NULL`,
      [key],
    );
    return (row as LrsCredential | undefined) ?? null;
  }

  /** Revokes the key; false when there is no such key (a second revocation keeps the first time). */
  async revoke(key: string, at: Date): Promise<LrsCredential | null> {
    const [rows] = await this.db.manager.query(
      `UPDATE lrs_credential SET revoked_at = COALESCE(revoked_at, $2) WHERE key = $1
        RETURNING ${this.credentials.select('lrs_credential')}`,
      [key, at],
    );
    return (rows?.[0] as LrsCredential | undefined) ?? null;
  }

  /** The account, locked until the transaction ends: two links of it go one at a time. */
  async lockAccount(tx: EntityManager, homePage: string, name: string): Promise<LrsAccount | null> {
    await this.lockAccounts(tx, [`${homePage}|${name}`]);
    const [row] = await tx.query(
      `SELECT ${this.accounts.select('a')} FROM lrs_account a WHERE a.home_page = $1 AND a.name = $2`,
      [homePage, name],
    );
    return (row as LrsAccount | undefined) ?? null;
  }

  /**
   * Statements of an account and the account's link are written one transaction at a time: a statement
   * stored unlinked cannot slip past the link that would have claimed it.
   */
  lockAccounts(tx: EntityManager, accounts: readonly string[]): Promise<void> {
    return lockKeys(
      tx,
      accounts.map((a) => `lrs-account:${a}`),
    );
  }

  /** Sets the learner's account at this homePage (a learner has one per homePage). */
  async saveAccount(tx: EntityManager, account: LrsAccount): Promise<void> {
    await tx.query('DELETE FROM lrs_account WHERE learner_id = $1 AND home_page = $2 AND name <> $3', [
      account.learnerId,
      account.homePage,
      account.name,
    ]);
    await this.accounts.insertMany(tx, [account], {
      onConflict: '(home_page, name) DO UPDATE SET set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at',
    });
  }

  /** The learners these accounts (`homePage|name`) stand for, in one query. */
  async learnersOf(tx: EntityManager, accounts: readonly string[]): Promise<Map<string, string>> {
    if (accounts.length === 0) return new Map();
    const rows: { account: string; learnerId: string }[] = await tx.query(
      `SELECT a.home_page || '|' || a.name AS account, a.learner_id AS "learnerId" FROM lrs_account a
        WHERE a.home_page || '|' || a.name = ANY($1::text[])`,
      [[...new Set(accounts)]],
    );
    return new Map(rows.map((r) => [r.account, r.learnerId]));
  }
}
