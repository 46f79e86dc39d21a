import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min, validateSync } from 'class-validator';

const UPSTREAM_URL = /^https?:\/\/[^/?#\s]+\/?$/;
const upstreamUrl = { message: 'must be an http(s) URL with no path' };

function toInt(fallback: number) {
  return ({ value }: { value: unknown }) => (value === undefined ? fallback : Number(value));
}

/** The gateway's settings: no database, no broker, only where each service answers. */
export class GatewayConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt(8080))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 8080;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Matches(UPSTREAM_URL, upstreamUrl)
  LEARNERS_URL = 'http://127.0.0.1:3001';

  @Matches(UPSTREAM_URL, upstreamUrl)
  COURSES_URL = 'http://127.0.0.1:3002';

  @Matches(UPSTREAM_URL, upstreamUrl)
  CERTIFICATION_URL = 'http://127.0.0.1:3003';

  @Matches(UPSTREAM_URL, upstreamUrl)
  CAMPAIGNS_URL = 'http://127.0.0.1:3004';

  @Matches(UPSTREAM_URL, upstreamUrl)
  REPORTING_URL = 'http://127.0.0.1:3005';

  /** How long a service may take to answer a proxied request before the caller gets a 504. */
  @Transform(toInt(30_000))
  @IsInt()
  @Min(100)
  UPSTREAM_TIMEOUT_MS = 30_000;

  /** Connections kept per service; requests beyond it wait for a free one. */
  @Transform(toInt(256))
  @IsInt()
  @Min(1)
  UPSTREAM_MAX_SOCKETS = 256;

  /** Per-service timeout of the readiness and OpenAPI look-ups (below the probes' own timeout). */
  @Transform(toInt(1_000))
  @IsInt()
  @Min(50)
  UPSTREAM_CHECK_TIMEOUT_MS = 1_000;

  @Transform(toInt(5_000))
  @IsInt()
  @Min(0)
  OPENAPI_CACHE_MS = 5_000;
}

export class GatewayConfigError extends Error {}

/** Names the variables that are wrong, never their values. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(GatewayConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const problems = errors.map(
      (e) => `${e.property} ${Object.values(e.constraints ?? {})[0] ?? 'is invalid'}`,
    );
    throw new GatewayConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return config;
}

export function gatewayConfigOrExit(): GatewayConfig {
  try {
    return loadGatewayConfig();
  } catch (error) {
    if (error instanceof GatewayConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
