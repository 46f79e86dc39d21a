import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProblemDetailsFilter, answerClientErrorsAsProblems } from '@bdhvs/problem';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { gatewayModule } from './app.module';
import { GatewayConfig } from './config/gateway-config';
import { createHttpLogger } from './logging/http-logger';
import { ensureTraceparent } from './logging/trace-context';
import { mountSwaggerUi } from './openapi/swagger-ui';
import { createServiceRoutes, upstreamsOf } from './proxy/service-routes';
import { rateLimitPolicies, useRateLimits } from './security/rate-limits';
import { useSecurityHeaders } from './security/security-headers';

/**
 * The proxy sits in front of Nest and no body parser is installed anywhere, so proxied bodies stream
 * through byte for byte. Nest serves the rest: health, the merged document, problem+json 404s.
 */
export async function createGatewayApp(config: GatewayConfig, logger: PinoLogger): Promise<INestApplication> {
  const app = await NestFactory.create(gatewayModule(config, logger), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  useSecurityHeaders(app, config.CORS_ORIGINS);
  useRateLimits(
    app,
    rateLimitPolicies({
      apiPerMinute: config.RATE_LIMIT_PER_MINUTE,
      expensivePerMinute: config.EXPENSIVE_RATE_LIMIT_PER_MINUTE,
    }),
    config.TRUSTED_PROXY_HOPS,
  );
  app.use(
    ensureTraceparent,
    createHttpLogger(logger),
    createServiceRoutes(upstreamsOf(config), {
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      maxSockets: config.UPSTREAM_MAX_SOCKETS,
      logger,
    }),
  );
  mountSwaggerUi(app);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  answerClientErrorsAsProblems(app.getHttpServer());
  return app;
}
