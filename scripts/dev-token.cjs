#!/usr/bin/env node
// Prints a development JWT and nothing else:
//   npm run -s token -- --sub NAME --roles ROLE[,ROLE] [--unit CODE] [--expires 12h]
const { parseArgs } = require('node:util');
const { mintDevToken } = require('./lib/dev-keys.cjs');
const { ROLES } = require('./lib/platform-manifest.cjs');

function fail(message) {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

if (process.env.NODE_ENV === 'production')
  fail('refusing to mint a development token with NODE_ENV=production');
let values;
try {
  ({ values } = parseArgs({
    options: {
      sub: { type: 'string' },
      roles: { type: 'string' },
      unit: { type: 'string' },
      expires: { type: 'string' },
    },
  }));
} catch (error) {
  fail(error.message);
}
if (!values.sub) fail('--sub NAME is required');
if (!values.roles) fail(`--roles is required (${ROLES.join(', ')})`);
const roles = values.roles
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean);
const unknown = roles.filter((r) => !ROLES.includes(r));
if (unknown.length) fail(`unknown role(s): ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
if (values.unit && !/^\d{2,7}$/.test(values.unit)) fail('--unit must be an administrative unit code');
process.stdout.write(
  `${mintDevToken({ sub: values.sub, roles, unit: values.unit, expiresIn: values.expires || '12h' })}\n`,
);
