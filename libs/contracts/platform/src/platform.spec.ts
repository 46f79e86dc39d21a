import { APP_NAMES, GATEWAY_PORT, PORTS, ROLES, SERVICE_NAMES, SERVICES, localUrlOf } from './index';

describe('platform manifest', () => {
  it('lists the five services and the gateway, each on its own port', () => {
    expect(SERVICE_NAMES).toEqual(['learners', 'courses', 'certification', 'campaigns', 'reporting']);
    expect(APP_NAMES).toEqual([...SERVICE_NAMES, 'gateway']);
    const ports = APP_NAMES.map((app) => PORTS[app]);
    expect(new Set(ports).size).toBe(ports.length);
    expect(ports.every((port) => Number.isInteger(port) && port > 0 && port < 65536)).toBe(true);
    expect(GATEWAY_PORT).toBe(8080);
  });

  it("names each service's URL variable after the service, as the gateway's config reads it", () => {
    for (const service of SERVICES) {
      expect(service.urlVariable).toBe(`${service.name.toUpperCase()}_URL`);
    }
    expect(localUrlOf('certification')).toBe('http://127.0.0.1:3003');
  });

  it('holds the six roles of the integration contract', () => {
    expect(ROLES).toEqual([
      'province-admin',
      'unit-officer',
      'mentor',
      'mooc-platform',
      'vneid-adapter',
      'district-system',
    ]);
  });
});
