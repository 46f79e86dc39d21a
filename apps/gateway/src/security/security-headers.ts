import type { INestApplication } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** The LRS (browser-based xAPI content on any origin) answers CORS itself, preflights included. */
const LRS_PATH = /^\/api\/v1\/courses\/xapi(\/|\?|$)/;

/** What a browser client on an allowed origin may read of an answer besides the simple headers. */
const EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
  'Preference-Applied',
  'traceparent',
];

/**
 * Security headers on every answer of the entry point, the proxied ones included (helmet: HSTS, nosniff,
 * frame denial, a CSP that Swagger UI lives with, no X-Powered-By). CORS for the API only for the
 * origins in `CORS_ORIGINS` (none by default: district systems and the MOOC call from servers); the LRS
 * keeps its own CORS and lets any origin read its answers.
 */
export function useSecurityHeaders(app: INestApplication, corsOrigins: readonly string[]): void {
  const strict = helmet();
  const lrs = helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (LRS_PATH.test(req.url) ? lrs : strict)(req, res, next),
  );
  app.enableCors((req: Request, decide: (error: Error | null, options: CorsOptions) => void) =>
    decide(null, {
      origin: corsOrigins.length > 0 && !LRS_PATH.test(req.url) ? [...corsOrigins] : false,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    }),
  );
}
