import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { pino } from 'pino';
import request from 'supertest';
import { loadGatewayConfig } from './config/gateway-config';
import { createGatewayApp } from './gateway-app';

describe(createGatewayApp.name, () => {
  let upstream: Server;
  let app: INestApplication;
  const received: { url?: string; headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/openapi.json') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              openapi: '3.0.0',
              info: { title: 'Certification', version: '1.0.0' },
              paths: { '/api/v1/certification/vneid-events': { post: { operationId: 'receiveVneidEvent' } } },
            }),
          );
          return;
        }
        received.push({ url: req.url, headers: req.headers, body });
        res
          .writeHead(202, { 'content-type': 'application/json', 'x-powered-by': 'Express' })
          .end('{"status":"accepted"}');
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const config = loadGatewayConfig({
      CERTIFICATION_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      LEARNERS_URL: 'http://127.0.0.1:1',
      COURSES_URL: 'http://127.0.0.1:1',
      CAMPAIGNS_URL: 'http://127.0.0.1:1',
      REPORTING_URL: 'http://127.0.0.1:1',
      LOG_LEVEL: 'silent',
      CORS_ORIGINS: 'https://hoc.laichau.gov.vn',
      EXPENSIVE_RATE_LIMIT_PER_MINUTE: '2',
      TRUSTED_PROXY_HOPS: '1',
    });
    app = await createGatewayApp(config, pino({ level: 'silent' }));
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('proxies a JSON body untouched although Nest sits behind the proxy', async () => {
    const body = '{ "eventId" : "e-1",\n "fullName": "Lò Thị Mai" }';

    const response = await request(app.getHttpServer())
      .post('/api/v1/certification/vneid-events')
      .set('Content-Type', 'application/json')
      .set('X-Vneid-Signature', 'sha256=abc')
      .send(body);

    expect(response.status).toBe(202);
    expect(received.at(-1)).toMatchObject({
      url: '/api/v1/certification/vneid-events',
      body,
      headers: { 'x-vneid-signature': 'sha256=abc' },
    });
  });

  it('puts security headers on proxied answers and hides what serves them', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/v1/certification/vneid-events')
      .set('Content-Type', 'application/json')
      .send('{}')
      .expect(202);

    expect(response.headers).toMatchObject({
      'strict-transport-security': expect.stringContaining('max-age='),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'cross-origin-resource-policy': 'same-origin',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers CORS for the allowed origins only, and leaves the LRS its own', async () => {
    const preflight = (path: string, origin: string) =>
      request(app.getHttpServer())
        .options(path)
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');

    const allowed = await preflight('/api/v1/certification/vneid-events', 'https://hoc.laichau.gov.vn');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://hoc.laichau.gov.vn');
    expect(allowed.headers['access-control-allow-headers']).toBe('authorization,content-type');
    const read = await request(app.getHttpServer())
      .get('/api/openapi.json')
      .set('Origin', 'https://hoc.laichau.gov.vn');
    expect(read.headers['access-control-expose-headers']).toContain('ETag');

    const other = await preflight('/api/v1/certification/vneid-events', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    // Proxied to the courses service (down here: 502), whose LRS answers CORS for any origin.
    const lrs = await preflight('/api/v1/courses/xapi/statements', 'https://any-mooc.example');
    expect(lrs.status).toBe(502);
    expect(lrs.headers['access-control-allow-origin']).toBeUndefined();
    expect(lrs.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('serves the merged document, naming the services that are down', async () => {
    const response = await request(app.getHttpServer()).get('/api/openapi.json').expect(200);

    expect(Object.keys(response.body.paths)).toEqual(['/api/v1/certification/vneid-events']);
    expect(response.body['x-unavailable-services']).toEqual([
      'learners',
      'courses',
      'campaigns',
      'reporting',
    ]);
  });

  it('serves Swagger UI under /api/docs/', async () => {
    await request(app.getHttpServer()).get('/api/docs').expect(301).expect('Location', '/api/docs/');
    const page = await request(app.getHttpServer()).get('/api/docs/').expect(200);
    const init = await request(app.getHttpServer()).get('/api/docs/swagger-ui-init.js').expect(200);

    expect(page.text).toContain('swagger-ui-bundle.js');
    expect(init.text).toContain('"swaggerUrl": "/api/openapi.json"');
  });

  it('stays ready while a service is down, and says which', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);

    expect(response.body).toMatchObject({ status: 'ok', upstreams: { learners: { status: 'down' } } });
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
  });

  it('answers an unknown path with a problem+json 404', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/unknown/things');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 404,
      title: 'Not found',
      instance: '/api/v1/unknown/things',
    });
  });

  it('tells every API answer its rate limit, in the IETF draft headers', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/v1/certification/vneid-events')
      .set('Content-Type', 'application/json')
      .send('{}')
      .expect(202);

    expect(response.headers['ratelimit']).toMatch(/^"api"; r=\d+; t=\d+$/);
    expect(response.headers['ratelimit-policy']).toMatch(/^"api"; q=120000; w=60; pk=:[^:]+:$/);
  });

  it('answers an expensive route 429 problem+json with Retry-After past its budget, per client address', async () => {
    const exportFrom = (address: string) =>
      request(app.getHttpServer()).get('/api/v1/reporting/indicators/export').set('X-Forwarded-For', address);

    const within = [await exportFrom('203.0.113.7'), await exportFrom('203.0.113.7')];
    const over = await exportFrom('203.0.113.7');
    const otherClient = await exportFrom('203.0.113.8');

    expect(within.map((r) => r.status)).toEqual([502, 502]);
    expect(within[1].headers['ratelimit']).toMatch(/"expensive"; r=0;/);
    expect(over.status).toBe(429);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.body).toMatchObject({ status: 429, title: 'Too many requests', policy: 'expensive' });
    expect(otherClient.status).toBe(502);
  });
});
