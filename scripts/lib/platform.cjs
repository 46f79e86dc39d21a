// Starts the five services and the gateway as plain Node processes from their built bundles.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureDevKeys } = require('./dev-keys.cjs');
const { readEnvExample } = require('./env-file.cjs');
const { PLATFORM_SERVICES, SERVICES, DEFAULT_PORTS } = require('./platform-manifest.cjs');

const ROOT = path.resolve(__dirname, '..', '..');

function infraUp() {
  execFileSync('bash', [path.join(ROOT, 'scripts/infra/infra.sh'), 'up'], { stdio: 'inherit' });
}

function buildAll() {
  execFileSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', ...SERVICES, 'gateway', '--outputStyle=static'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

/** Creates the services' databases when missing (the infra script creates the default ones). */
async function ensureDatabases(serverUrl, names) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    for (const name of names) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    }
  } finally {
    await client.end();
  }
}

async function waitReady(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

const serverUrl = () =>
  (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(/\/[^/]*$/, '');

/** What every service process is started with: secrets, broker, prefixes, the dev JWT key, the log level. */
function commonEnv(options = {}) {
  const { publicFile } = ensureDevKeys();
  return {
    ...process.env,
    ...readEnvExample(),
    NODE_ENV: process.env.NODE_ENV === 'production' ? 'production' : 'development',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    KAFKA_GROUP_PREFIX: options.groupPrefix ?? '',
    KAFKA_TOPIC_PREFIX: options.topicPrefix ?? '',
    JWT_PUBLIC_KEY_FILE: publicFile,
    LOG_LEVEL: options.logLevel ?? 'info',
    ...(options.env ?? {}),
  };
}

function spawnService(name, env, logDir) {
  const log = fs.openSync(path.join(logDir, `${name}.log`), 'a');
  // BDHVS_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles every service (Node refuses it in NODE_OPTIONS).
  const nodeArgs = (process.env.BDHVS_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist/apps', name, 'main.js')], {
    cwd: path.join(ROOT, 'dist/apps', name),
    env,
    stdio: ['ignore', log, log],
  });
}

async function stopChild(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * One service process on its own database and port (e.g. a second reporting instance that rebuilds its
 * projections). options: { port, database, groupPrefix, topicPrefix, logLevel, env, logDir }.
 * Returns { url, child, stop() } once it is ready.
 */
async function startService(name, options) {
  const logDir = options.logDir ?? path.join(ROOT, '.cache', 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  await ensureDatabases(serverUrl(), [options.database]);
  const env = {
    ...commonEnv(options),
    PORT: String(options.port),
    DATABASE_URL: `${serverUrl()}/${options.database}`,
  };
  const child = spawnService(name, env, logDir);
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitReady(`${url}/health/ready`, 120_000, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, child, stop: () => stopChild(child) };
}

/**
 * options: { dbPrefix = 'bdhvs', ports, groupPrefix = '', topicPrefix = '', logDir, logLevel, env }
 * Returns { urls, processes, stop(), kill(name), restart(name) }.
 */
async function startPlatform(options = {}) {
  const ports = { ...DEFAULT_PORTS, ...(options.ports ?? {}) };
  const dbPrefix = options.dbPrefix ?? 'bdhvs';
  const logDir = options.logDir ?? path.join(ROOT, '.cache', 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const secrets = readEnvExample();
  const dbBase = serverUrl();
  const common = commonEnv(options);
  const envOf = (name) =>
    name === 'gateway'
      ? {
          ...common,
          PORT: String(ports.gateway),
          ...Object.fromEntries(
            PLATFORM_SERVICES.map((s) => [s.urlVariable, `http://127.0.0.1:${ports[s.name]}`]),
          ),
        }
      : { ...common, PORT: String(ports[name]), DATABASE_URL: `${dbBase}/${dbPrefix}_${name}` };

  await ensureDatabases(
    dbBase,
    SERVICES.map((name) => `${dbPrefix}_${name}`),
  );
  const processes = {};
  if (options.migrateOnly) {
    for (const name of SERVICES) {
      execFileSync(process.execPath, [path.join(ROOT, 'dist/apps', name, 'main.js'), 'migrate'], {
        env: envOf(name),
        stdio: 'inherit',
      });
    }
    return null;
  }
  function launch(name) {
    const child = spawnService(name, envOf(name), logDir);
    processes[name] = child;
    return child;
  }
  const readyUrl = (name) => `http://127.0.0.1:${ports[name]}/health/ready`;

  for (const name of [...SERVICES, 'gateway']) launch(name);
  try {
    await Promise.all(
      [...SERVICES, 'gateway'].map((name) => waitReady(readyUrl(name), 120_000, processes[name])),
    );
  } catch (error) {
    Object.values(processes).forEach((p) => p.kill('SIGKILL'));
    throw new Error(`${error.message} (logs in ${logDir})`);
  }

  const stopOne = (name, signal = 'SIGTERM') => stopChild(processes[name], signal);

  return {
    urls: {
      gateway: `http://127.0.0.1:${ports.gateway}`,
      ...Object.fromEntries(SERVICES.map((s) => [s, `http://127.0.0.1:${ports[s]}`])),
    },
    processes,
    logDir,
    secrets,
    kill: (name) => stopOne(name, 'SIGKILL'),
    async restart(name) {
      await stopOne(name);
      const child = launch(name);
      await waitReady(readyUrl(name), 120_000, child);
    },
    async stop() {
      await stopOne('gateway');
      await Promise.all(SERVICES.map((name) => stopOne(name)));
    },
  };
}

module.exports = { startPlatform, startService, serverUrl, infraUp, buildAll, SERVICES, DEFAULT_PORTS, ROOT };
