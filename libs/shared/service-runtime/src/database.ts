import { Logger } from '@nestjs/common';
import { DomainError } from '@bdhvs/domain';
import { DataSource, EntityManager, EntitySchema, MigrationInterface } from 'typeorm';
import { retryWithBackoff } from './retry';

/** The database cannot be reached (yet): answered as 503, so callers retry. */
export class DatabaseUnavailableError extends DomainError {
  constructor() {
    super('database-unavailable', 'The database is not reachable right now; retry later.');
  }
}

const CONNECTION_FAILURE =
  /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|connection timeout|not established/i;

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[];
  migrations: (new () => MigrationInterface)[];
  poolSize?: number;
  /** See ServiceConfig.DATABASE_SCHEMA. */
  schema?: string;
}

/**
 * The service's PostgreSQL database. Connects and migrates in the background, retrying with backoff, so
 * that a database that is down makes the service not-ready instead of crash-looping.
 */
export class Database {
  readonly dataSource: DataSource;
  private readonly logger = new Logger(Database.name);
  private ready = false;
  private stopped = false;
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly options: DatabaseOptions) {
    this.dataSource = new DataSource({
      type: 'postgres',
      url: options.url,
      entities: options.entities,
      migrations: options.migrations,
      migrationsTransactionMode: 'each',
      synchronize: false,
      ...(options.schema ? { schema: options.schema } : {}),
      extra: {
        max: options.poolSize ?? 10,
        connectionTimeoutMillis: 5000,
        ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      },
    });
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Connects, then applies pending migrations; retries until it succeeds or `close` is called. */
  async connect(): Promise<void> {
    await retryWithBackoff(
      async () => {
        if (!this.dataSource.isInitialized) await this.initialize();
        const applied = await this.dataSource.runMigrations();
        if (applied.length > 0)
          this.logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
        this.ready = true;
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
      },
      {
        retries: Infinity,
        baseMs: 1_000,
        stopped: () => this.stopped,
        onRetry: (error, delay, attempt) =>
          this.logger.warn(
            `database not reachable (attempt ${attempt}): ${error.message}; retry in ${delay} ms`,
          ),
      },
    ).catch(() => undefined); // only when closed meanwhile
  }

  /** Connects; creates the configured schema first if it is missing. */
  async initialize(): Promise<void> {
    if (this.options.schema) {
      const setup = new DataSource({ type: 'postgres', url: this.options.url });
      await setup.initialize();
      try {
        await setup.query(`CREATE SCHEMA IF NOT EXISTS "${this.options.schema}"`);
      } finally {
        await setup.destroy();
      }
    }
    await this.dataSource.initialize();
  }

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  async ping(): Promise<void> {
    if (!this.ready) throw new Error('database not connected');
    await this.dataSource.query('SELECT 1');
  }

  async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (!this.ready) throw new DatabaseUnavailableError();
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (CONNECTION_FAILURE.test((error as Error).message ?? '')) throw new DatabaseUnavailableError();
      throw error;
    }
  }

  get manager(): EntityManager {
    if (!this.ready) throw new DatabaseUnavailableError();
    return this.dataSource.manager;
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
