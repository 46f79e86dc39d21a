import { createHash } from 'node:crypto';
import { IncomingHttpHeaders, Server, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { ensureTraceparent } from '../logging/trace-context';
import { Upstream, createServiceRoutes } from './service-routes';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A stand-in service that records what reached it and answers 201 with a marker header. */
async function startUpstream(delayMs = 0) {
  const received: Received[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      setTimeout(() => {
        res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
        res.end(JSON.stringify({ ok: true }));
      }, delayMs);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, received, connections: () => connections };
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

function gateway(upstreams: Upstream[], timeoutMs = 5_000) {
  const app = express();
  app.use(
    ensureTraceparent,
    createServiceRoutes(upstreams, { timeoutMs, maxSockets: 8, logger: pino({ level: 'silent' }) }),
  );
  app.use((_req, res) => {
    res.status(404).type('application/problem+json').send('{"status":404}');
  });
  return app;
}

describe(createServiceRoutes.name, () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  async function upstream(delayMs = 0) {
    const started = await startUpstream(delayMs);
    servers.push(started.server);
    return started;
  }

  it('forwards the path, the headers and the body byte for byte, and returns the answer as is', async () => {
    const certification = await upstream();
    // Multi-byte characters, odd spacing and a body larger than one chunk: any re-encoding would show.
    const text = `{ "fullName":"Nguyễn Văn An",\n  "pad":"${'x'.repeat(200_000)}" }`;
    const body = Buffer.from(text, 'utf8');
    const signature = createHash('sha256').update(body).digest('hex');

    const response = await request(gateway([{ name: 'certification', url: certification.url }]))
      .post('/api/v1/certification/vneid-events?dryRun=1')
      .set('Content-Type', 'application/json')
      .set('Authorization', 'Bearer token-123')
      .set('X-Vneid-Signature', `sha256=${signature}`)
      .set('Idempotency-Key', 'key-1')
      .set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')
      .send(text);

    expect(response.status).toBe(201);
    expect(response.headers['x-upstream']).toBe('yes');
    expect(response.body).toEqual({ ok: true });
    const [seen] = certification.received;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/api/v1/certification/vneid-events?dryRun=1');
    expect(seen.body.equals(body)).toBe(true);
    expect(seen.headers).toMatchObject({
      authorization: 'Bearer token-123',
      'x-vneid-signature': `sha256=${signature}`,
      'idempotency-key': 'key-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'x-forwarded-for': expect.any(String),
    });
  });

  it('starts a trace when the caller sent none, and tells the caller its id', async () => {
    const learners = await upstream();

    const response = await request(gateway([{ name: 'learners', url: learners.url }])).get(
      '/api/v1/learners/units',
    );

    const sent = learners.received[0].headers.traceparent;
    expect(sent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(response.headers['traceparent']).toBe(sent);
  });

  it('replaces a malformed traceparent and drops its tracestate', async () => {
    const learners = await upstream();

    await request(gateway([{ name: 'learners', url: learners.url }]))
      .get('/api/v1/learners/units')
      .set('traceparent', 'not-a-trace')
      .set('tracestate', 'vendor=1');

    expect(learners.received[0].headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(learners.received[0].headers).not.toHaveProperty('tracestate');
  });

  it('leaves every other path to the next handler', async () => {
    const learners = await upstream();
    const app = gateway([{ name: 'learners', url: learners.url }]);

    for (const path of [
      '/api/v1/learnersx/units',
      '/api/v1/reporting/indicators',
      '/api/openapi.json',
      '/learners',
    ]) {
      expect((await request(app).get(path)).status).toBe(404);
    }
    expect(learners.received).toHaveLength(0);
    expect((await request(app).get('/api/v1/learners')).status).toBe(201);
  });

  it('answers 502 problem+json when the service is down', async () => {
    const response = await request(gateway([{ name: 'courses', url: await closedPortUrl() }])).get(
      '/api/v1/courses/courses?page=2',
    );

    expect(response.status).toBe(502);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.text)).toEqual({
      type: '/problems/upstream-unavailable',
      title: 'Upstream unavailable',
      status: 502,
      detail: 'The courses service is unavailable; try again shortly.',
      service: 'courses',
      instance: '/api/v1/courses/courses',
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('answers 504 problem+json when the service does not answer in time', async () => {
    const reporting = await upstream(1_000);

    const response = await request(gateway([{ name: 'reporting', url: reporting.url }], 200)).get(
      '/api/v1/reporting/indicators',
    );

    expect(response.status).toBe(504);
    expect(JSON.parse(response.text)).toMatchObject({
      status: 504,
      title: 'Upstream timeout',
      service: 'reporting',
    });
  });

  it('times out a request sent with Expect: 100-continue too', async () => {
    const reporting = await upstream(1_000);

    const server = gateway([{ name: 'reporting', url: reporting.url }], 200).listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));

    // As curl sends a large body: the head first, the body once the server says 100 Continue.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest({
        port: (server.address() as AddressInfo).port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/api/v1/reporting/imports',
        headers: { expect: '100-continue', 'content-type': 'application/json', 'content-length': 11 },
      });
      req.on('continue', () => req.end('{"rows":[]}'));
      req.on('response', (res) => resolve(res.resume().statusCode));
      req.on('error', reject);
    });

    expect(status).toBe(504);
    expect(reporting.received[0].headers).not.toHaveProperty('expect');
    expect(reporting.received[0].body.toString()).toBe('{"rows":[]}');
  });

  it('keeps upstream connections alive across requests, even when the caller asks to close', async () => {
    const campaigns = await upstream();
    const app = gateway([{ name: 'campaigns', url: campaigns.url }]);

    for (let i = 0; i < 5; i++) {
      await request(app).get('/api/v1/campaigns/campaigns').set('Connection', 'close').expect(201);
    }

    expect(campaigns.connections()).toBe(1);
  });
});
