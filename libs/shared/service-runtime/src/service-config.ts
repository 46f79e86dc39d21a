import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** Settings every service has. A service extends it with its own and validates at boot. */
export class ServiceConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number;

  @Matches(/^postgres(ql)?:\/\/.+\/[\w-]+$/, { message: 'must be a postgres:// URL naming the database' })
  DATABASE_URL: string;

  /**
   * The schema the service's tables live in (and the only one on its search path). Unset: the
   * connection's default (`public`). A rebuild runs a second instance in a schema of its own.
   */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case SQL identifier' })
  DATABASE_SCHEMA?: string;

  @Matches(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, { message: 'must be host:port[,host:port...]' })
  KAFKA_BROKERS: string;

  @Transform(({ value }) => (value === undefined ? 6 : Number(value)))
  @IsInt()
  @Min(1)
  KAFKA_TOPIC_PARTITIONS = 6;

  @Transform(({ value }) => (value === undefined ? 1 : Number(value)))
  @IsInt()
  @Min(1)
  KAFKA_REPLICATION_FACTOR = 1;

  /**
   * Prefix of topic names, so that platforms sharing one broker (tests, benchmarks, development) never
   * see each other's events. Empty in production.
   */
  @IsOptional()
  @Matches(/^[\w.-]*$/, { message: 'must be letters, digits, dot, dash or underscore' })
  KAFKA_TOPIC_PREFIX = '';

  /** Prefix of consumer group ids, so that a test platform never shares partitions with another. */
  @IsOptional()
  @Matches(/^[\w.-]*$/, { message: 'must be letters, digits, dot, dash or underscore' })
  KAFKA_GROUP_PREFIX = '';

  /**
   * Partitions whose batches a consumer applies at the same time, each in its own transaction (order within
   * a partition, and so per key, is kept). Unset: the service's own choice (MessagingOptions).
   */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_PARTITIONS_CONCURRENTLY?: number;

  /**
   * The name the inbox records applied events under; unset: the consumer group id. A rebuild's own group
   * records under the live group's name, so that the live consumers skip what the rebuild applied once its
   * tables are swapped in.
   */
  @IsOptional()
  @Matches(/^[\w.-]+$/, { message: 'must be letters, digits, dot, dash or underscore' })
  KAFKA_INBOX_CONSUMER?: string;

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'must be an http(s) URL' })
  JWT_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY_FILE?: string;

  /** Accepted token issuers, comma-separated; unset: not checked (development tokens). */
  @IsOptional()
  @Matches(/^[^\s,]+(,[^\s,]+)*$/, { message: 'must be one issuer or several separated by commas' })
  JWT_ISSUER?: string;

  /** Accepted token audiences, comma-separated; unset: not checked. */
  @IsOptional()
  @Matches(/^[^\s,]+(,[^\s,]+)*$/, { message: 'must be one audience or several separated by commas' })
  JWT_AUDIENCE?: string;

  /** Readiness fails while the event loop was blocked longer than this in the last 5 s. */
  @Transform(({ value }) => (value === undefined ? 2000 : Number(value)))
  @IsInt()
  @Min(50)
  EVENT_LOOP_MAX_DELAY_MS = 2000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export class ConfigError extends Error {}

/**
 * Reads and validates the environment into a typed config. The error names the variables, never
 * their values (they may be secrets).
 */
export function loadConfig<T extends ServiceConfig>(
  type: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(type, raw, { exposeDefaultValues: true });
  const errors = validateSync(config as object, { whitelist: false });
  const problems = errors.map((e) => {
    const message = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
    return message.startsWith(e.property) ? message : `${e.property} ${message}`;
  });
  if (!config.JWT_JWKS_URL && !config.JWT_PUBLIC_KEY_FILE) {
    problems.push('JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE must be set');
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return config;
}
