import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadGatewayConfig } from '../config/gateway-config';
import { UpstreamHealthService } from './upstream-health.service';

describe(UpstreamHealthService.name, () => {
  const servers: Server[] = [];
  afterAll(() =>
    Promise.all(
      servers.map((s) => {
        s.closeAllConnections();
        return new Promise((resolve) => s.close(resolve));
      }),
    ),
  );

  async function closedPort(): Promise<string> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return `http://127.0.0.1:${port}`;
  }

  async function serviceAnswering(status: number | 'never'): Promise<string> {
    const server = createServer((_req, res) => {
      if (status !== 'never') res.writeHead(status).end('{}');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('reports each service as up or down, with a short reason', async () => {
    const config = loadGatewayConfig({
      LEARNERS_URL: await serviceAnswering(200),
      COURSES_URL: await serviceAnswering(503),
      CERTIFICATION_URL: await serviceAnswering('never'),
      CAMPAIGNS_URL: await closedPort(),
      REPORTING_URL: await serviceAnswering(200),
      UPSTREAM_CHECK_TIMEOUT_MS: '200',
    });

    const health = await new UpstreamHealthService(config).check();

    expect(health).toEqual({
      learners: { status: 'up' },
      courses: { status: 'down', reason: 'HTTP 503' },
      certification: { status: 'down', reason: 'timeout' },
      campaigns: { status: 'down', reason: 'ECONNREFUSED' },
      reporting: { status: 'up' },
    });
  });
});
