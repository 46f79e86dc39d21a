#!/usr/bin/env node
// `npm run migrate`: applies every service's pending migrations (services also do it on start).
const { startPlatform, infraUp, buildAll } = require('./lib/platform.cjs');

infraUp();
buildAll();
startPlatform({ dbPrefix: process.env.BDHVS_DB_PREFIX ?? 'bdhvs', migrateOnly: true }).catch((error) => {
  console.error(`migrate failed: ${error.message}`);
  process.exit(1);
});
