import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min, validateSync } from 'class-validator';
import { GATEWAY_PORT, SERVICES, UpstreamUrlVariable, localUrlOf } from '@bdhvs/platform';

const UPSTREAM_URL = /^https?:\/\/[^/?#\s]+\/?$/;
const upstreamUrl = { message: 'must be an http(s) URL with no path' };

function toInt(fallback: number) {
  return ({ value }: { value: unknown }) => (value === undefined ? fallback : Number(value));
}

/**
 * One `<SERVICE>_URL` per service of the platform manifest, defaulting to where that service listens
 * locally: a service added to the manifest is routed, checked and documented without a line here.
 */
class UpstreamUrls {
  constructor() {
    const urls = this as unknown as Record<UpstreamUrlVariable, string>;
    for (const { name, urlVariable } of SERVICES) urls[urlVariable] = localUrlOf(name);
  }
}
for (const { urlVariable } of SERVICES) {
  Matches(UPSTREAM_URL, upstreamUrl)(UpstreamUrls.prototype, urlVariable);
}

/** The gateway's settings: no database, no broker, only where each service answers. */
export class GatewayConfig extends (UpstreamUrls as new () => Record<UpstreamUrlVariable, string>) {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt(GATEWAY_PORT))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = GATEWAY_PORT;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Origins whose browser pages may call the API (comma-separated, e.g. `https://hoc.laichau.gov.vn`);
   * none by default. The xAPI LRS answers CORS for any origin itself.
   */
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean)
      : (value ?? []),
  )
  @Matches(/^https?:\/\/[^/?#\s,]+$/, { each: true, message: 'each origin must be scheme://host[:port]' })
  CORS_ORIGINS: string[] = [];

  /**
   * Calls one client address may make per minute to the API as a whole; beyond it, 429 with Retry-After.
   * Generous: it stops a runaway client, not the VNeID adapter pushing a backlog.
   */
  @Transform(toInt(120_000))
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 120_000;

  /** Calls one client address may make per minute to imports, exports and personal-data exports. */
  @Transform(toInt(30))
  @IsInt()
  @Min(1)
  EXPENSIVE_RATE_LIMIT_PER_MINUTE = 30;

  /**
   * Proxies in front of the gateway that append to X-Forwarded-For (an ingress: 1). The client address
   * that rate limits count is the one the farthest trusted proxy saw; 0 takes the socket's address.
   */
  @Transform(toInt(0))
  @IsInt()
  @Min(0)
  @Max(10)
  TRUSTED_PROXY_HOPS = 0;

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
