import { join } from 'node:path';
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

export const startPlatform: (options: Record<string, unknown>) => Promise<Platform> =
  platformLib.startPlatform;
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
  compared: number;
  mismatches: { unit: string; period: string; live: unknown; rebuilt: unknown }[];
}

export const rebuildReporting: (options: {
  liveDatabase: string;
  liveUrl: string;
  port: number;
  groupPrefix: string;
  topicPrefix: string;
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
