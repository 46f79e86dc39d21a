import { SERVICES } from '@bdhvs/platform';
import { GatewayConfigError, loadGatewayConfig } from './gateway-config';

describe(loadGatewayConfig.name, () => {
  it('runs on 8080 against the local services when nothing is set', () => {
    const config = loadGatewayConfig({});

    expect(config.PORT).toBe(8080);
    expect(config.LEARNERS_URL).toBe('http://127.0.0.1:3001');
    expect(config.REPORTING_URL).toBe('http://127.0.0.1:3005');
    expect(config.OPENAPI_CACHE_MS).toBe(5_000);
  });

  it('has a URL variable for every service of the platform manifest', () => {
    const config = loadGatewayConfig({});

    for (const { port, urlVariable } of SERVICES) {
      expect(config[urlVariable]).toBe(`http://127.0.0.1:${port}`);
    }
  });

  it('reads numbers and URLs from the environment', () => {
    const config = loadGatewayConfig({
      PORT: '9000',
      CERTIFICATION_URL: 'http://certification:3003',
      UPSTREAM_TIMEOUT_MS: '1500',
    });

    expect(config.PORT).toBe(9000);
    expect(config.CERTIFICATION_URL).toBe('http://certification:3003');
    expect(config.UPSTREAM_TIMEOUT_MS).toBe(1_500);
  });

  it('takes CORS origins as a comma-separated list, none by default, and refuses one with a path', () => {
    expect(loadGatewayConfig({}).CORS_ORIGINS).toEqual([]);
    expect(
      loadGatewayConfig({ CORS_ORIGINS: 'https://hoc.laichau.gov.vn, http://127.0.0.1:5173' }).CORS_ORIGINS,
    ).toEqual(['https://hoc.laichau.gov.vn', 'http://127.0.0.1:5173']);
    expect(() => loadGatewayConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(
      /CORS_ORIGINS each origin must be scheme:\/\/host\[:port\]/,
    );
  });

  it('names every bad variable without echoing its value', () => {
    const load = () =>
      loadGatewayConfig({ PORT: 'eighty', COURSES_URL: 'courses:3002/secret-path', LOG_LEVEL: 'loud' });

    expect(load).toThrow(GatewayConfigError);
    expect(load).toThrow(/PORT .*; LOG_LEVEL .*; COURSES_URL must be an http\(s\) URL with no path/);
    expect(load).not.toThrow(/secret-path|eighty|loud/);
  });
});
