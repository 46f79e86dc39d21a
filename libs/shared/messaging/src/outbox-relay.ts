import { Logger } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { backoffDelay } from '@bdhvs/service-runtime';
import { TopicNames } from './kafka-connection';
import { outboxBacklog, outboxPublished } from './messaging-metrics';

interface OutboxRow {
  seq: string;
  topic: string;
  key: string;
  /** The payload as JSON text, as it is sent. */
  value: string;
  headers: Record<string, string>;
}

const MAX_REQUEST_BYTES = 512 * 1024;

/** Consecutive slices whose keys, values and headers add up to at most `limit` bytes (one row at least). */
function slicesOfBytes(rows: OutboxRow[], limit: number): OutboxRow[][] {
  const slices: OutboxRow[][] = [];
  let current: OutboxRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size =
      row.key.length +
      row.value.length +
      Object.entries(row.headers).reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (current.length > 0 && bytes + size > limit) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) slices.push(current);
  return slices;
}

/** Lock id that makes one relay per service database the publisher, so order per key holds across replicas. */
const RELAY_LOCK = 7_420_250_701;

/** A connection that stays open for LISTEN (node-postgres' client, as TypeORM's postgres driver hands it out). */
interface ListeningClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  removeAllListeners(event: 'notification' | 'error'): void;
}

/**
 * Publishes committed outbox rows in order, in batches of up to 2,000, then deletes them in the same
 * transaction. It wakes when a commit adds rows (in this process at once; in any replica through the
 * outbox table's NOTIFY), and otherwise looks again every few seconds. A crash between the send and the
 * commit re-sends the rows: consumers' inboxes absorb that duplicate.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private listener?: { client: ListeningClient; release: (error?: Error) => void };
  private kicked = false;
  private listenFailures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly options: { batchSize?: number; idleMs?: number; topicNames?: TopicNames } = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  kick(): void {
    // Remembered when the loop is busy: rows committed during a publish are not left for the next timeout.
    this.kicked = true;
    this.wake?.();
  }

  /** Stops after publishing what is already committed (bounded by `timeoutMs`). */
  async stop(timeoutMs = 5000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.kick();
    await this.loop;
    await this.unlisten();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && (await this.publishBatch()) > 0) {
      /* flush */
    }
  }

  /** Publishes one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    const batchSize = this.options.batchSize ?? 2_000;
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await tx.query(
        'SELECT seq, topic, key, payload::text AS value, headers FROM outbox ORDER BY seq LIMIT $1',
        [batchSize],
      );
      if (rows.length === 0) {
        outboxBacklog.set(0);
        return 0;
      }
      // Requests of at most ~512 KB: one partition's share must stay under the broker's message.max.bytes
      // (1 MB by default) even when every row of the batch has the same key.
      for (const slice of slicesOfBytes(rows, MAX_REQUEST_BYTES)) {
        const byTopic = new Map<string, OutboxRow[]>();
        for (const row of slice) {
          const list = byTopic.get(row.topic);
          if (list) list.push(row);
          else byTopic.set(row.topic, [row]);
        }
        await this.producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, list]) => ({
            topic: this.options.topicNames?.physical(topic) ?? topic,
            messages: list.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
          })),
        });
        for (const [topic, list] of byTopic) outboxPublished.inc({ topic }, list.length);
      }
      // By exact seq: a row with a lower seq may commit later than this batch was read.
      await tx.query('DELETE FROM outbox WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
      await this.noteBacklog(tx, rows.length < batchSize ? null : rows[rows.length - 1].seq);
      return rows.length;
    });
  }

  /**
   * The backlog gauge without counting rows (a count reads every row, dead ones included): nothing is left
   * after a short batch; after a full one, at most the seqs above the last one published (from the index).
   */
  private async noteBacklog(tx: EntityManager, lastSeqOfFullBatch: string | null): Promise<void> {
    if (lastSeqOfFullBatch === null) return void outboxBacklog.set(0);
    const [{ left }] = await tx.query('SELECT coalesce(max(seq) - $1::bigint, 0)::int AS left FROM outbox', [
      lastSeqOfFullBatch,
    ]);
    outboxBacklog.set(Math.max(0, left as number));
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.kicked = false;
        const published = await this.publishBatch();
        failures = 0;
        if (published > 0) continue;
        // Notifications wake it; the timeout only covers a missed one (or another replica's rows meanwhile).
        await this.sleep(this.options.idleMs ?? (this.listener ? 2_000 : 250));
      } catch (error) {
        const delay = backoffDelay(failures++, 200, 10_000);
        this.logger.warn(`outbox publish failed (${(error as Error).message}); retry in ${delay} ms`);
        await this.sleep(delay);
      }
    }
  }

  private async listen(): Promise<void> {
    if (!this.running || this.listener) return;
    let obtained: ((error?: Error) => void) | undefined;
    try {
      const driver = this.dataSource.driver as unknown as {
        obtainMasterConnection(): Promise<[ListeningClient, (error?: Error) => void]>;
      };
      const [client, release] = await driver.obtainMasterConnection();
      obtained = release;
      // A checked-out client has no pool listener: without this, a database restart crashes the process.
      client.on('error', (error: Error) => {
        this.logger.warn(`LISTEN outbox connection lost (${error.message}); polling until it is back`);
        if (this.listener?.client === client) this.listener = undefined;
        client.removeAllListeners('notification');
        release(error);
        this.relisten();
      });
      client.on('notification', () => this.kick());
      await client.query('LISTEN outbox');
      this.listener = { client, release };
      this.listenFailures = 0;
    } catch (error) {
      this.logger.warn(`LISTEN outbox failed (${(error as Error).message}); polling instead`);
      if (obtained && !this.listener) obtained(error as Error);
      this.relisten();
    }
  }

  private relisten(): void {
    if (!this.running) return;
    setTimeout(() => void this.listen(), backoffDelay(this.listenFailures++, 1_000, 30_000)).unref();
  }

  private async unlisten(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    if (!listener) return;
    listener.client.removeAllListeners('notification');
    await listener.client.query('UNLISTEN outbox').catch(() => undefined);
    listener.release();
  }

  private sleep(ms: number): Promise<void> {
    if (this.kicked) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
