import { Agent, ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import { SERVICES, ServiceName } from '@bdhvs/platform';
import { PROBLEM_CONTENT_TYPE, problem } from '@bdhvs/problem';
import { createProxyMiddleware, debugProxyErrorsPlugin, Plugin, RequestHandler } from 'http-proxy-middleware';
import type { Logger } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { traceIdOf } from '../logging/trace-context';

export interface Upstream {
  name: ServiceName;
  /** Base URL without a trailing slash; the request path is appended unchanged. */
  url: string;
}

/** Every service of the platform manifest, at the URL the config gives it. */
export function upstreamsOf(config: GatewayConfig): Upstream[] {
  return SERVICES.map(({ name, urlVariable }) => ({ name, url: config[urlVariable].replace(/\/+$/, '') }));
}

export interface ServiceRoutesOptions {
  timeoutMs: number;
  maxSockets: number;
  logger: Logger;
}

type Next = (error?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

const SERVICE_PATH = /^\/api\/v1\/([a-z-]+)(?:[/?]|$)/;
// Below Node's default server keepAliveTimeout (5 s): never reuse a socket the service is closing.
const FREE_SOCKET_TIMEOUT_MS = 4_000;
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

class UpstreamTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

/**
 * Routes `/api/v1/<service>/...` to that service with the path, headers and body untouched (the
 * body is streamed, never parsed: the certification service checks an HMAC over its raw bytes).
 * Anything else goes to `next()`. Must be mounted before any body parser.
 */
export function createServiceRoutes(upstreams: Upstream[], options: ServiceRoutesOptions): Middleware {
  const proxies = new Map(upstreams.map((upstream) => [upstream.name as string, proxyTo(upstream, options)]));
  return (req, res, next) => {
    const service = SERVICE_PATH.exec(req.url ?? '')?.[1];
    const proxy = service === undefined ? undefined : proxies.get(service);
    if (!proxy) return next();
    // Node has already answered `100 Continue` to the caller; forwarded, the header would send the
    // upstream request's head at once, before the hook below can set its timeout.
    delete req.headers.expect;
    void proxy(req, res, next);
  };
}

function proxyTo(
  upstream: Upstream,
  { timeoutMs, maxSockets, logger }: ServiceRoutesOptions,
): RequestHandler {
  const agentOptions = {
    keepAlive: true,
    maxSockets,
    maxFreeSockets: maxSockets,
    timeout: FREE_SOCKET_TIMEOUT_MS,
    scheduling: 'lifo' as const,
  };
  const agent = upstream.url.startsWith('https:') ? new HttpsAgent(agentOptions) : new Agent(agentOptions);

  const forward: Plugin = (proxyServer) => {
    // The services' framework is nobody's business (helmet removes the gateway's own).
    proxyServer.on('proxyRes', (proxyRes: IncomingMessage) => delete proxyRes.headers['x-powered-by']);
    proxyServer.on('proxyReq', (proxyReq: ClientRequest) => {
      // Hop-by-hop: a caller's `Connection: close` must not close the pooled upstream connection.
      if (!proxyReq.headersSent) proxyReq.removeHeader('connection');
      proxyReq.setTimeout(timeoutMs, () =>
        proxyReq.destroy(new UpstreamTimeoutError(`no answer within ${timeoutMs} ms`)),
      );
    });
    proxyServer.on(
      'error',
      (error: NodeJS.ErrnoException, req: IncomingMessage, res: ServerResponse | Socket) => {
        const status = error.code === 'ETIMEDOUT' ? 504 : 502;
        logger.error(
          { traceId: traceIdOf(req), upstream: upstream.name, code: error.code ?? error.message },
          `${upstream.name} failed: ${req.method} ${(req.url ?? '').split('?')[0]}`,
        );
        if (!(res instanceof ServerResponse)) return void res.destroy();
        // Headers already on their way: the only honest signal left is a cut connection.
        if (res.headersSent) return void res.destroy();
        const body = upstreamProblem(upstream.name, status, error.code);
        body.instance = (req.url ?? '').split('?')[0];
        body.traceId = traceIdOf(req);
        res.writeHead(status, { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      },
    );
  };

  return createProxyMiddleware({
    target: upstream.url,
    agent,
    changeOrigin: true,
    xfwd: true,
    // Our own handlers replace the defaults, which answer errors in text/plain and log through console.
    ejectPlugins: true,
    plugins: [debugProxyErrorsPlugin, forward],
  });
}

export function upstreamProblem(service: string, status: 502 | 504, code?: string) {
  if (status === 504) {
    return problem(504, `The ${service} service did not answer in time.`, {
      title: 'Upstream timeout',
      service,
    });
  }
  const detail = UNREACHABLE.has(code ?? '')
    ? `The ${service} service is unavailable; try again shortly.`
    : `The ${service} service gave no valid answer.`;
  return problem(502, detail, { title: 'Upstream unavailable', service });
}
