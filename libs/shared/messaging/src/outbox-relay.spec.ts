import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { TopicNames } from './kafka-connection';
import { outboxBacklog } from './messaging-metrics';
import { OutboxRelay } from './outbox-relay';

interface Row {
  seq: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

function fakeOutbox(rows: Row[], { lockHeld = false } = {}) {
  const listeners: (() => void)[] = [];
  const dataSource = {
    async transaction<T>(work: (tx: { query: (sql: string, params: unknown[]) => unknown }) => Promise<T>) {
      return work({
        query: async (sql: string, params: unknown[]) => {
          if (sql.includes('pg_try_advisory_xact_lock')) return [{ locked: !lockHeld }];
          if (sql.startsWith('SELECT seq')) return rows.slice(0, params[0] as number);
          if (sql.includes('max(seq)'))
            return [{ left: rows.length ? Number(rows[rows.length - 1].seq) - Number(params[0]) : 0 }];
          if (sql.startsWith('DELETE')) {
            const gone = new Set(params[0] as string[]);
            rows.splice(0, rows.length, ...rows.filter((r) => !gone.has(r.seq)));
          }
          return [];
        },
      });
    },
    async query() {
      return [{ n: rows.length }];
    },
    driver: {
      async obtainMasterConnection() {
        const client = {
          query: async () => undefined,
          on: (event: string, listener: () => void) => {
            if (event === 'notification') listeners.push(listener);
          },
          removeAllListeners: (event: string) => {
            if (event === 'notification') listeners.splice(0);
          },
        };
        return [client, () => undefined];
      },
    },
  } as unknown as DataSource;
  const sent: { topic: string; keys: string[] }[][] = [];
  const producer = {
    async sendBatch({ topicMessages }: { topicMessages: { topic: string; messages: { key: string }[] }[] }) {
      sent.push(topicMessages.map((t) => ({ topic: t.topic, keys: t.messages.map((m) => m.key) })));
    },
  } as unknown as Producer;
  return { dataSource, producer, sent, rows, notify: () => listeners.forEach((l) => l()) };
}

const row = (seq: number, topic: string, key: string, value = '{}'): Row => ({
  seq: String(seq),
  topic,
  key,
  value,
  headers: {},
});

describe(OutboxRelay.name, () => {
  it('publishes a batch in seq order, grouped by topic with their prefix, and deletes exactly those rows', async () => {
    const outbox = fakeOutbox([
      row(1, 'a.v1', 'k1'),
      row(2, 'b.v1', 'k2'),
      row(3, 'a.v1', 'k1'),
      row(4, 'a.v1', 'k3'),
    ]);
    const relay = new OutboxRelay(outbox.dataSource, outbox.producer, {
      batchSize: 3,
      topicNames: new TopicNames('test.'),
    });
    expect(await relay.publishBatch()).toBe(3);
    expect(outbox.sent).toEqual([
      [
        { topic: 'test.a.v1', keys: ['k1', 'k1'] },
        { topic: 'test.b.v1', keys: ['k2'] },
      ],
    ]);
    expect(outbox.rows.map((r) => r.seq)).toEqual(['4']);
  });

  it('keeps the backlog gauge from the batches it publishes, without counting the table', async () => {
    const backlog = async () => (await outboxBacklog.get()).values[0]?.value;
    const outbox = fakeOutbox([1, 2, 3, 4, 5].map((i) => row(i, 'a.v1', `k${i}`)));
    const relay = new OutboxRelay(outbox.dataSource, outbox.producer, { batchSize: 3 });

    expect(await relay.publishBatch()).toBe(3);
    expect(await backlog()).toBe(2);
    expect(await relay.publishBatch()).toBe(2);
    expect(await backlog()).toBe(0);
  });

  it('splits a batch into requests under the size limit, in order', async () => {
    const big = 'x'.repeat(200 * 1024);
    const outbox = fakeOutbox([1, 2, 3, 4].map((i) => row(i, 'a.v1', `k${i}`, big)));
    const relay = new OutboxRelay(outbox.dataSource, outbox.producer);
    expect(await relay.publishBatch()).toBe(4);
    expect(outbox.sent.map((request) => request[0].keys)).toEqual([
      ['k1', 'k2'],
      ['k3', 'k4'],
    ]);
    expect(outbox.rows).toEqual([]);
  });

  it('publishes nothing while another replica holds the relay lock', async () => {
    const outbox = fakeOutbox([row(1, 'a.v1', 'k1')], { lockHeld: true });
    const relay = new OutboxRelay(outbox.dataSource, outbox.producer);
    expect(await relay.publishBatch()).toBe(0);
    expect(outbox.sent).toEqual([]);
  });

  it('wakes on a notification instead of waiting for its poll', async () => {
    const outbox = fakeOutbox([]);
    const relay = new OutboxRelay(outbox.dataSource, outbox.producer, { idleMs: 60_000 });
    relay.start();
    await new Promise((r) => setTimeout(r, 20));
    outbox.rows.push(row(1, 'a.v1', 'k1'));
    outbox.notify();
    for (let i = 0; i < 50 && outbox.sent.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(outbox.sent).toEqual([[{ topic: 'a.v1', keys: ['k1'] }]]);
    await relay.stop();
  });
});
