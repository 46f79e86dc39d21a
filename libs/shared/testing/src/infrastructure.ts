import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

export interface TestInfrastructure {
  /** Server URL without a database name, e.g. postgres://postgres@127.0.0.1:5432 */
  postgresServerUrl: string;
  kafkaBrokers: string;
  stop(): Promise<void>;
}

export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');

function dockerEngineAvailable(): boolean {
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/**
 * Reaches PostgreSQL and Kafka once for a test run: the endpoints from the environment when set;
 * else containers where a Docker engine exists; else the project's own script (a real broker from
 * Maven Central jars and the local PostgreSQL), which starts only what is not running yet.
 */
export async function ensureInfrastructure(): Promise<TestInfrastructure> {
  const fromEnv = process.env['KAFKA_BROKERS'] && process.env['DATABASE_URL'];
  if (!fromEnv && dockerEngineAvailable()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const [postgres, kafka] = await Promise.all([
      new PostgreSqlContainer('postgres:15').withUsername('postgres').withPassword('postgres').start(),
      new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
    ]);
    return {
      postgresServerUrl: `postgres://postgres:postgres@${postgres.getHost()}:${postgres.getPort()}`,
      kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
      async stop() {
        await Promise.all([postgres.stop(), kafka.stop()]);
      },
    };
  }
  execFileSync('bash', [join(WORKSPACE_ROOT, 'scripts/infra/infra.sh'), 'up'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    postgresServerUrl: (process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(
      /\/[^/]*$/,
      '',
    ),
    kafkaBrokers: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    stop: async () => undefined,
  };
}

/** Creates the database when it does not exist yet. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return `${serverUrl}/${name}`;
}
