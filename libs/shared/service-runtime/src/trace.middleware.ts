import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { formatTraceparent, newTraceContext, parseTraceparent, runWithTrace } from './trace-context';

/** Continues the caller's W3C trace (or starts one) for everything this request causes. */
@Injectable()
export class TraceMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const ctx = newTraceContext(parseTraceparent(req.header('traceparent')));
    res.setHeader('traceparent', formatTraceparent(ctx));
    runWithTrace(ctx, next);
  }
}
