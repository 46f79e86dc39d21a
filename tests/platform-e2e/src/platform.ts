import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { Client } from 'pg';
import type { VneidCertificationEventV1 } from '@bdhvs/events';

// Typed access to the project's scripts (plain Node, outside the Nx graph), which the e2e suite shares
// with `npm start` and the benchmark.
const scriptsLib = (name: string) => require(join(__dirname, '..', '..', '..', 'scripts', 'lib', name));
const platformLib = scriptsLib('platform.cjs');
const devKeys = scriptsLib('dev-keys.cjs');
const vneid = scriptsLib('vneid.cjs');
const rebuild = scriptsLib('reporting-rebuild.cjs');

export interface Platform {
  urls: Record<string, string>;
  secrets: Record<string, string>;
  logDir: string;
  kill(name: string): Promise<void>;
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

export type VneidEvent = VneidCertificationEventV1;

/**
 * A platform of a suite's own. Its topics get 2 partitions, not 6: every suite makes about 80 topics, and
 * a broker shared by several suites spends its time creating partitions (`deleteTopics` removes them).
 */
export const startPlatform = (options: Record<string, unknown>): Promise<Platform> =>
  platformLib.startPlatform({
    ...options,
    env: { KAFKA_TOPIC_PARTITIONS: '2', ...((options['env'] as Record<string, string>) ?? {}) },
  });
export const infraUp: () => void = platformLib.infraUp;
export const mintDevToken: (claims: { sub: string; roles: string[]; unit?: string }) => string =
  devKeys.mintDevToken;
export const syntheticCertification: (o: {
  index: number;
  unitCode: string;
  runId: string;
  occurredAt: string;
  programme?: string;
}) => VneidEvent = vneid.syntheticCertification;
export const revocationOf: (e: VneidEvent, runId: string, occurredAt: string) => VneidEvent =
  vneid.revocationOf;
export const sign: (body: string, secret: string) => string = vneid.sign;
export const pushAll: (
  baseUrl: string,
  events: VneidEvent[],
  o: { token: string; secret: string },
  concurrency?: number,
) => Promise<Record<string, number>> = vneid.pushAll;

export interface RebuildResult {
  database: string;
  schema: string;
  swapped: boolean;
  compared: number;
  mismatches: { unit: string; period: string; live: unknown; rebuilt: unknown }[];
}

export const rebuildReporting: (options: {
  liveDatabase: string;
  liveUrl: string;
  port: number;
  groupPrefix: string;
  topicPrefix: string;
  swap?: boolean;
  dropRetired?: boolean;
}) => Promise<RebuildResult> = rebuild.rebuildReporting;

/** Drops one database, once nothing uses it. */
export async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Drops the databases a platform of `startPlatform({ dbPrefix })` created, once it has stopped. */
export async function dropDatabases(dbPrefix: string): Promise<void> {
  for (const name of platformLib.SERVICES as string[]) await dropDatabase(`${dbPrefix}_${name}`);
}

/** Rows of a query on one of the platform's databases. */
export async function queryDb<T>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${database}` });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Whether a service's outbox has been published to the broker. */
export async function outboxEmpty(database: string): Promise<boolean> {
  const [{ n }] = await queryDb<{ n: number }>(database, 'SELECT count(*)::int AS n FROM outbox');
  return n === 0;
}

/** The probe's first truthy answer; fails after `ms`. A barrier, never a pause. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether a consumer group has committed up to the end of every partition of these topics. */
export async function groupCaughtUp(admin: Admin, groupId: string, topics: string[]): Promise<boolean> {
  const existing = new Set(await admin.listTopics());
  for (const topic of topics.filter((t) => existing.has(t))) {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const behind = ends.some((end) => {
      const c = committed.partitions.find((p) => p.partition === end.partition);
      return Number(end.high) > 0 && (c === undefined || Number(c.offset) < Number(end.high));
    });
    if (behind) return false;
  }
  return true;
}

/** Deletes the topics of a suite (its prefix), so that the shared broker does not keep every run's. */
export async function deleteTopics(admin: Admin, prefix: string): Promise<void> {
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 60_000 }).catch(() => undefined);
}
