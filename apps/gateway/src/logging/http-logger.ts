import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, pino } from 'pino';
import { HttpLogger, pinoHttp } from 'pino-http';
import { GatewayConfig } from '../config/gateway-config';
import { traceIdOf } from './trace-context';

export function createRootLogger(config: GatewayConfig): Logger {
  return pino({ name: 'gateway', level: config.LOG_LEVEL });
}

function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * One JSON line per request, proxied or not, with the trace id. Only method, path and status are
 * logged: headers carry tokens and signatures, query strings may carry personal data.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    customProps: (req) => ({ traceId: traceIdOf(req) }),
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage) => ({ method: req.method, path: pathOf(req) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    // Errors are logged where they happen (proxy, problem filter); the summary line needs no stack.
    customErrorObject: (_req, _res, _error, { err: _err, ...summary }) => summary,
    autoLogging: { ignore: (req) => pathOf(req).startsWith('/health/') },
  });
}
