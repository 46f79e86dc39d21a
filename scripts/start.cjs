#!/usr/bin/env node
// `npm start`: infrastructure, the five services and the entry point, Lai Châu's units, a demo dataset.
// Ctrl-C stops everything this command started.
const net = require('node:net');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startPlatform, infraUp, buildAll, ROOT } = require('./lib/platform.cjs');
const { loadDemoData } = require('./lib/demo-data.cjs');

function brokerAlreadyRunning() {
  const [host, port] = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0].split(':');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function main() {
  // Stop at the end only what this command started: a broker that was already up stays up.
  const infraWasRunning = await brokerAlreadyRunning();
  infraUp();
  console.log('building the services...');
  buildAll();
  console.log('starting the services...');
  const platform = await startPlatform({ dbPrefix: 'bdhvs' });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping the services...');
    await platform.stop();
    if (!infraWasRunning)
      execFileSync('bash', [path.join(ROOT, 'scripts/infra/infra.sh'), 'down'], { stdio: 'inherit' });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log('loading the demo dataset (synthetic learners and certifications)...');
  const demo = await loadDemoData(platform.urls.gateway, { secret: platform.secrets.VNEID_HMAC_SECRET });
  console.log(
    `demo: ${demo.learners} learners registered, ${demo.certifications} certifications, ${demo.revocations} revocations over ${demo.communes} communes ${JSON.stringify(demo.statuses)}`,
  );
  const g = platform.urls.gateway;
  console.log(`
The platform is up (logs in ${platform.logDir}):
  Entry point   ${g}
  Swagger UI    ${g}/api/docs
  OpenAPI       ${g}/api/openapi.json
  Indicators    curl -H "Authorization: Bearer $(npm run -s token -- --sub me --roles province-admin)" "${g}/api/v1/reporting/indicators?period=2025&breakdown=subunit"
Press Ctrl-C to stop everything this command started.`);
}

main().catch((error) => {
  console.error(`start failed: ${error.message}`);
  process.exit(1);
});
