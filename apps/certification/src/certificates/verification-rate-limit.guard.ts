import { CanActivate, ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { CertificationConfig } from '../config/certification-config';
import { FixedWindowLimiter, clientAddress } from './domain/rate-limit';

/**
 * The public certificate check, limited per client so that certificate numbers cannot be enumerated. Per
 * instance: with n replicas a client gets at most n times the limit.
 */
@Injectable()
export class VerificationRateLimitGuard implements CanActivate {
  private readonly limiter: FixedWindowLimiter;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: CertificationConfig) {
    this.limiter = new FixedWindowLimiter(config.VERIFY_RATE_LIMIT_PER_MINUTE, 60_000);
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const client = clientAddress(
      req.header('x-forwarded-for'),
      req.socket.remoteAddress ?? 'unknown',
      this.config.TRUSTED_PROXY_HOPS,
    );
    const retryAfter = this.limiter.take(client, Date.now());
    if (retryAfter === null) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException('Too many certificate checks from this client; retry later.', 429);
  }
}
