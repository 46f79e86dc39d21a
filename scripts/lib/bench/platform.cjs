// The bench's own platform: gateway :28080, services :23001-23005, topics `bench.*`, consumer groups
// `bench-*`, databases bdhvs_bench_*, so that it never shares anything with `npm start` or the tests.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startPlatform, infraUp, buildAll, SERVICES, DEFAULT_PORTS, ROOT } = require('../platform.cjs');
const { mintDevToken } = require('../dev-keys.cjs');
const { getJson, PROVINCE } = require('./http.cjs');
const { sleep, log, tcpOpen } = require('./util.cjs');

// The default ports moved by 20000: gateway 28080, services 23001-23005.
const PORTS = Object.fromEntries(Object.entries(DEFAULT_PORTS).map(([name, port]) => [name, port + 20_000]));
const TOPIC_PREFIX = 'bench.';
const GROUP_PREFIX = 'bench-';
const DB_PREFIX = 'bdhvs_bench';
/** Communes whose exact counts the e2e suite asserts (tests/platform-e2e): the bench leaves them alone. */
const E2E_COMMUNES = new Set(['03388', '03408']);
const E2E_GATEWAY_PORT = 18080;

/** Starts the infrastructure and builds the bundles only if one is missing. */
function prepare({ services = [...SERVICES, 'gateway'] } = {}) {
  infraUp();
  const missing = services.filter((name) => !fs.existsSync(path.join(ROOT, 'dist/apps', name, 'main.js')));
  if (missing.length > 0) {
    log(`building (missing bundles: ${missing.join(', ')})...`);
    buildAll();
  }
}

/** The e2e platform reads its own topics but competes for the two cores: wait for it to finish. */
async function waitForE2e(run, { ignore, waitMin }) {
  if (ignore || !(await tcpOpen(E2E_GATEWAY_PORT))) return;
  log(
    `an e2e platform answers on :${E2E_GATEWAY_PORT}; waiting up to ${waitMin} min (--ignore-e2e skips this)...`,
  );
  const deadline = Date.now() + waitMin * 60_000;
  while (Date.now() < deadline) {
    await sleep(5000);
    if (!(await tcpOpen(E2E_GATEWAY_PORT))) {
      log('e2e platform gone; going on');
      await sleep(2000);
      return;
    }
  }
  run.note(
    `an e2e platform was still running on :${E2E_GATEWAY_PORT} after ${waitMin} min; the bench ran alongside it`,
  );
}

/** Other platforms on this machine share the broker, PostgreSQL and the two cores. */
async function otherPlatforms(run) {
  const others = [];
  for (const [label, port] of [
    ...Object.entries(DEFAULT_PORTS).map(([name, port]) => [`${name} :${port}`, port]),
    ['e2e gateway :18080', E2E_GATEWAY_PORT],
  ]) {
    if (await tcpOpen(port)) others.push(label);
  }
  if (others.length > 0)
    run.note(
      `other platform processes were listening while the bench ran (${others.join(', ')}); they share the broker, PostgreSQL and the cores`,
    );
  return others;
}

/**
 * Starts the platform; its stop is registered as a cleanup before the start completes, so that a
 * timeout or signal meanwhile still stops it. Waits until reporting knows the province.
 */
async function startBenchPlatform(run) {
  log(
    'starting the platform (gateway :28080, services :23001-23005, topics bench.*, groups bench-*, databases bdhvs_bench_*)...',
  );
  const starting = startPlatform({
    dbPrefix: DB_PREFIX,
    groupPrefix: GROUP_PREFIX,
    topicPrefix: TOPIC_PREFIX,
    ports: PORTS,
    logLevel: 'warn',
    logDir: path.join(ROOT, '.cache', 'logs', 'bench'),
  });
  const stop = run.onCleanup(async () => {
    const started = await starting.catch(() => null);
    if (!started) return;
    log('stopping the platform...');
    await started.stop();
    log('platform stopped');
  });
  const platform = await starting;
  const admin = mintDevToken({ sub: 'bench-admin', roles: ['province-admin'] });
  const adapter = mintDevToken({ sub: 'bench-vneid-adapter', roles: ['vneid-adapter'] });
  const gateway = platform.urls.gateway;
  log(`platform up; logs in ${platform.logDir}`);

  // Units reach reporting as events from learners.
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { status } = await getJson(
      `${gateway}/api/v1/reporting/indicators?unit=${PROVINCE}&period=2025`,
      admin,
    ).catch(() => ({ status: 0 }));
    if (status === 200) break;
    if (Date.now() > deadline || run.aborted)
      throw new Error(`reporting does not know unit ${PROVINCE} after 5 min (last HTTP ${status})`);
    await sleep(500);
  }
  return {
    platform,
    gateway,
    admin,
    adapter,
    secrets: platform.secrets,
    pids: () =>
      Object.fromEntries(Object.entries(platform.processes).map(([name, child]) => [name, child.pid])),
    stop,
  };
}

/** Communes and wards of the 2025 map, less those the e2e suite counts exactly. */
async function listCommunes(run, { gateway, admin }) {
  let communes = [];
  for (let attempt = 0; attempt < 60 && communes.length === 0; attempt++) {
    const { status, body } = await getJson(`${gateway}/api/v1/learners/units?map=2025`, admin);
    if (status !== 200) throw new Error(`GET /api/v1/learners/units?map=2025: HTTP ${status}`);
    communes = body.filter((u) => u.type === 'commune' || u.type === 'ward');
    if (communes.length === 0) await sleep(500);
  }
  const listed = communes.length;
  communes = communes.filter((c) => !E2E_COMMUNES.has(c.code));
  if (communes.length === 0) throw new Error('no communes listed by the learners service');
  run.results.communes = { listed, used: communes.length, skippedForE2e: [...E2E_COMMUNES] };
  log(
    `${listed} communes listed; events spread over ${communes.length} (skipping ${[...E2E_COMMUNES].join(', ')})`,
  );
  return communes;
}

module.exports = {
  PORTS,
  TOPIC_PREFIX,
  GROUP_PREFIX,
  DB_PREFIX,
  prepare,
  waitForE2e,
  otherPlatforms,
  startBenchPlatform,
  listCommunes,
};
