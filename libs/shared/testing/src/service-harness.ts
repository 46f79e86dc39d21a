import { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaReadiness } from '@bdhvs/messaging';
import {
  Database,
  ServiceConfig,
  ServiceDefinition,
  createServiceApp,
  loadConfig,
} from '@bdhvs/service-runtime';
import { WORKSPACE_ROOT, ensureDatabase } from './infrastructure';

export interface TokenClaims {
  sub: string;
  roles: string[];
  unit?: string;
}

// The development key pair and token minting are shared with `npm run token` (plain Node, outside Nx).
const devKeys: {
  ensureDevKeys(): { publicFile: string };
  mintDevToken(claims: TokenClaims): string;
} = require(join(WORKSPACE_ROOT, 'scripts', 'lib', 'dev-keys.cjs'));

export function testToken(claims: TokenClaims): string {
  return devKeys.mintDevToken(claims);
}

/** The development secrets of `.env.example`, as the services get them in development. */
export function developmentSecrets(): Record<string, string> {
  return Object.fromEntries(
    readFileSync(join(WORKSPACE_ROOT, '.env.example'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

export interface RunningService<C extends ServiceConfig> {
  app: INestApplication;
  url: string;
  config: C;
  database: Database;
  close(): Promise<void>;
}

/**
 * The database a test names, for this checkout: two checkouts testing on one machine (a working tree and
 * a fresh clone running .ci/run) must not share an outbox, whose relay would publish the other's rows.
 */
export function checkoutDatabase(name: string): string {
  return `${name}_${createHash('sha256').update(WORKSPACE_ROOT).digest('hex').slice(0, 8)}`;
}

/**
 * Runs a service in-process on a free port against the real database and broker, with its own
 * consumer groups, and waits until it is ready (migrated and consuming). `database` is taken per
 * checkout (checkoutDatabase).
 */
export async function startServiceInProcess<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  options: { database: string; env?: Record<string, string>; waitUntilReady?: boolean },
): Promise<RunningService<C>> {
  const server = process.env['BDHVS_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432';
  const databaseUrl = await ensureDatabase(server, checkoutDatabase(options.database));
  const runId = randomBytes(4).toString('hex');
  const config = loadConfig(definition.configType, {
    ...developmentSecrets(),
    NODE_ENV: 'test',
    PORT: '1',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    // Topics and groups of its own: nothing another platform on the broker sends reaches it.
    KAFKA_TOPIC_PREFIX: `int-${runId}.`,
    KAFKA_GROUP_PREFIX: `int-${runId}-`,
    JWT_PUBLIC_KEY_FILE: devKeys.ensureDevKeys().publicFile,
    LOG_LEVEL: 'warn',
    ...(options.env ?? {}),
  });
  const app = await createServiceApp(definition, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const database = app.get(Database);
  const url = `http://127.0.0.1:${address.port}`;
  const close = () => app.close();
  if (options.waitUntilReady === false) return { app, url, config, database, close };
  await database.whenReady();
  const kafka = app.get(KafkaReadiness);
  const deadline = Date.now() + 60_000;
  while (!kafka.connected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!kafka.connected) throw new Error(`${definition.name}: not connected to Kafka after 60 s`);
  return { app, url, config, database, close };
}
