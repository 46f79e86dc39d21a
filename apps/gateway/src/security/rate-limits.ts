import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { PROBLEM_CONTENT_TYPE, problem } from '@bdhvs/problem';

/** A budget of calls per client address and minute, over the routes it matches. */
export interface RateLimitPolicy {
  /** Names the policy in the `RateLimit` and `RateLimit-Policy` headers. */
  name: string;
  perMinute: number;
  matches(method: string, path: string): boolean;
}

const API = /^\/api\/v1\//;

/**
 * Routes whose one call reads or writes a whole file or a whole province: imports of learners, exports
 * of indicators and periodic reports, a learner's personal data.
 */
const EXPENSIVE: readonly [string, RegExp][] = [
  ['POST', /^\/api\/v1\/learners\/learners\/import\/?$/],
  ['GET', /^\/api\/v1\/learners\/learners\/[^/]+\/personal-data\/?$/],
  ['GET', /^\/api\/v1\/reporting\/indicators\/export\/?$/],
  ['GET', /^\/api\/v1\/reporting\/periodic-reports\/export\/?$/],
];

export function rateLimitPolicies(limits: {
  apiPerMinute: number;
  expensivePerMinute: number;
}): RateLimitPolicy[] {
  return [
    { name: 'api', perMinute: limits.apiPerMinute, matches: (_method, path) => API.test(path) },
    {
      name: 'expensive',
      perMinute: limits.expensivePerMinute,
      matches: (method, path) => EXPENSIVE.some(([m, route]) => m === method && route.test(path)),
    },
  ];
}

/**
 * Each policy counts the calls of each client address (IPv6 by its /56, X-Forwarded-For trusted as far
 * as `trustedProxyHops` says) in one-minute windows, in this instance's memory: with n gateways a client
 * gets up to n times the budget. Every answer on a limited route carries `RateLimit` and
 * `RateLimit-Policy` (IETF draft 8); over the budget it is a 429 problem+json with `Retry-After`.
 */
export function useRateLimits(
  app: INestApplication,
  policies: readonly RateLimitPolicy[],
  trustedProxyHops: number,
): void {
  app.getHttpAdapter().getInstance().set('trust proxy', trustedProxyHops);
  for (const policy of policies) {
    app.use(
      rateLimit({
        windowMs: 60_000,
        limit: policy.perMinute,
        identifier: policy.name,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        skip: (req: Request) => !policy.matches(req.method, req.path),
        keyGenerator: (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown'),
        handler: (_req: Request, res: Response) => {
          res
            .status(429)
            .type(PROBLEM_CONTENT_TYPE)
            .send(
              problem(
                429,
                `More than ${policy.perMinute} calls a minute from this client; see Retry-After.`,
                {
                  policy: policy.name,
                },
              ),
            );
        },
      }),
    );
  }
}
