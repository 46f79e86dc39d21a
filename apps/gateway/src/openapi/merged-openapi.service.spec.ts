import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayConfig, loadGatewayConfig } from '../config/gateway-config';
import { MergedOpenApiService } from './merged-openapi.service';

describe(MergedOpenApiService.name, () => {
  let server: Server;
  let served = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      served++;
      const document = {
        openapi: '3.0.0',
        info: { title: 'Certification', version: '1.0.0' },
        paths: {
          '/api/v1/certification/certificates/{certificateNo}': { get: { operationId: 'getCertificate' } },
        },
        components: { schemas: { CertificateDto: { type: 'object' } } },
      };
      res.writeHead(req.url === '/openapi.json' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(document));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function sut(): MergedOpenApiService {
    const config: GatewayConfig = loadGatewayConfig({
      CERTIFICATION_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      // Port 1 is refused (by fetch itself): these services count as down.
      LEARNERS_URL: 'http://127.0.0.1:1',
      COURSES_URL: 'http://127.0.0.1:1',
      CAMPAIGNS_URL: 'http://127.0.0.1:1',
      REPORTING_URL: 'http://127.0.0.1:1',
      OPENAPI_CACHE_MS: '5000',
    });
    return new MergedOpenApiService(config);
  }

  it('merges what the services serve and names the ones that are down', async () => {
    const document = await sut().document();

    expect(Object.keys(document.paths)).toEqual(['/api/v1/certification/certificates/{certificateNo}']);
    expect(document['x-unavailable-services']).toEqual(['learners', 'courses', 'campaigns', 'reporting']);
  });

  it('asks the services again only once the cache has expired', async () => {
    const openApi = sut();
    served = 0;

    await openApi.document(1_000);
    await openApi.document(5_999);
    expect(served).toBe(1);

    await openApi.document(6_000);
    expect(served).toBe(2);
  });
});
