import { RunningService, startServiceInProcess } from '@bdhvs/testing';
import { CertificationConfig } from '../src/config/certification-config';
import { certificationService } from '../src/service';

// Nothing listens on port 1 of the loopback: connections are refused at once.
const NOWHERE = '127.0.0.1:1';

describe('a service whose infrastructure is unreachable', () => {
  let service: RunningService<CertificationConfig>;

  afterEach(async () => {
    await service?.close();
  });

  it('stays up, answers live, reports not-ready and refuses writes with 503 while PostgreSQL is down', async () => {
    service = await startServiceInProcess(certificationService, {
      database: 'bdhvs_test_certification',
      env: { DATABASE_URL: `postgres://postgres@${NOWHERE}/bdhvs_test_certification` },
      waitUntilReady: false,
    });
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 503, checks: { database: { status: 'down' } } });
    const verification = await fetch(`${service.url}/api/v1/certification/certificates/X/verification`);
    expect(verification.status).toBe(503);
    expect(verification.headers.get('content-type')).toContain('application/problem+json');
  });

  it('reports not-ready while Kafka is down, with the database up', async () => {
    service = await startServiceInProcess(certificationService, {
      database: 'bdhvs_test_certification',
      env: { KAFKA_BROKERS: NOWHERE },
      waitUntilReady: false,
    });
    await service.database.whenReady();
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      checks: { database: { status: 'up' }, kafka: { status: 'down' } },
    });
  });
});
