import manifest from './platform.json';

/**
 * The platform's apps, their local ports and the roles a token may carry, from `platform.json`: the
 * one list that the gateway, `@bdhvs/auth`, `scripts/` and `tools/deployment-check` read (the plain
 * Node scripts require the JSON itself). JSON keys keep their literal types, so names and roles stay
 * unions.
 */
export type ServiceName = keyof typeof manifest.services;
export type AppName = ServiceName | 'gateway';
export type Role = keyof typeof manifest.roles;
/** The gateway's variable holding a service's base URL (`LEARNERS_URL`, ...). */
export type UpstreamUrlVariable = `${Uppercase<ServiceName>}_URL`;

export interface PlatformService {
  name: ServiceName;
  /** Where the service listens by default (`PORT`) and where the gateway looks for it locally. */
  port: number;
  urlVariable: UpstreamUrlVariable;
}

/** The five services, in the manifest's order. */
export const SERVICES: readonly PlatformService[] = Object.entries(manifest.services).map(
  ([name, { port, urlVariable }]) => ({
    name: name as ServiceName,
    port,
    urlVariable: urlVariable as UpstreamUrlVariable,
  }),
);

export const SERVICE_NAMES: readonly ServiceName[] = SERVICES.map((service) => service.name);

export const GATEWAY_PORT: number = manifest.gateway.port;

export const APP_NAMES: readonly AppName[] = [...SERVICE_NAMES, 'gateway'];

export const PORTS = Object.fromEntries([
  ...SERVICES.map((service) => [service.name, service.port]),
  ['gateway', GATEWAY_PORT],
]) as Readonly<Record<AppName, number>>;

export const ROLES: readonly Role[] = Object.keys(manifest.roles) as Role[];

/** A service's base URL on this machine, the gateway's default for its `<SERVICE>_URL`. */
export function localUrlOf(service: ServiceName): string {
  return `http://127.0.0.1:${PORTS[service]}`;
}
