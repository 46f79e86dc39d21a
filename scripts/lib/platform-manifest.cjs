// The platform manifest (libs/contracts/platform/src/platform.json) for the plain Node scripts, which
// cannot import the TypeScript lib: the services with their ports and URL variables, and the roles.
const path = require('node:path');

const manifest = require(
  path.join(__dirname, '..', '..', 'libs', 'contracts', 'platform', 'src', 'platform.json'),
);

/** [{ name, port, urlVariable }] in the manifest's order. */
const PLATFORM_SERVICES = Object.entries(manifest.services).map(([name, service]) => ({ name, ...service }));
const SERVICES = PLATFORM_SERVICES.map((service) => service.name);
const DEFAULT_PORTS = {
  gateway: manifest.gateway.port,
  ...Object.fromEntries(PLATFORM_SERVICES.map((service) => [service.name, service.port])),
};
const ROLES = Object.keys(manifest.roles);

module.exports = { PLATFORM_SERVICES, SERVICES, DEFAULT_PORTS, ROLES };
