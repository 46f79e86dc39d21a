#!/usr/bin/env node
// `npm run test:lrs-conformance [-- --endpoint URL --key K --secret S --grep TEXT --json FILE]`
//
// The ADL xAPI LRS conformance suite (../shared/vendor/lrs-conformance, 1.0.3 set, 1,365 tests) against
// the LRS at /api/v1/courses/xapi, through the gateway. Without --endpoint it starts a platform of its own
// (gateway :26080, services :26001-26005, databases bdhvs_lrsconf_* recreated per run, topics `lrsconf.*`
// deleted afterwards) and issues itself a credential with a development province-admin token. The suite
// is copied to a temporary folder (the vendor folder is read-only) and installed there once. Counts come
// from the suite's JSON log, not from its exit code (the failure count modulo 256). Exit code: 0 when
// every test passed.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Kafka, logLevel } = require('kafkajs');
const { Client } = require('pg');
const { parseOptions } = require('./lib/bench/args.cjs');
const {
  startPlatform,
  infraUp,
  buildAll,
  serverUrl,
  SERVICES,
  DEFAULT_PORTS,
  ROOT,
} = require('./lib/platform.cjs');
const { mintDevToken } = require('./lib/dev-keys.cjs');

const opts = parseOptions(
  {
    endpoint: {
      type: 'string',
      help: 'an LRS already running (e.g. http://127.0.0.1:8080/api/v1/courses/xapi)',
    },
    key: { type: 'string', help: 'Basic user (default: a credential issued for this run)' },
    secret: { type: 'string', help: 'Basic password' },
    grep: { type: 'string', help: 'only the tests whose title contains this' },
    'suite-dir': { type: 'string', help: 'where the suite is copied and installed (default: a temp folder)' },
    json: {
      type: 'string',
      help: 'write the counts and failures as JSON (default .cache/lrs-conformance.json)',
    },
  },
  { usage: 'npm run test:lrs-conformance [-- options]' },
);

const VENDOR = path.join(ROOT, '..', 'shared', 'vendor', 'lrs-conformance');
const PORTS = Object.fromEntries(Object.entries(DEFAULT_PORTS).map(([name, port]) => [name, port + 18_000]));
const DB_PREFIX = 'bdhvs_lrsconf';
const TOPIC_PREFIX = 'lrsconf.';
const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** Copies the suite and installs it, once per copy (the lock file decides whether it is current). */
function prepareSuite(dir) {
  const lock = fs.readFileSync(path.join(VENDOR, 'package-lock.json'));
  const installed = path.join(dir, 'node_modules', '.bdhvs-installed');
  if (fs.existsSync(installed) && fs.readFileSync(installed).equals(lock)) return;
  log(`copying the suite to ${dir} and installing it...`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(VENDOR, dir, { recursive: true });
  const npm = ['npm', 'install', '--no-audit', '--no-fund', '--loglevel=error'];
  // Several installs at once on one machine corrupt npm's cache: serialise them when flock exists.
  const flock = spawnSync('sh', ['-c', 'command -v flock'], { encoding: 'utf8' }).stdout.trim();
  execFileSync(
    flock ? 'flock' : npm[0],
    flock ? [path.join(os.tmpdir(), 'npm.lock'), ...npm] : npm.slice(1),
    {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  fs.writeFileSync(installed, lock);
}

async function dropDatabases() {
  const client = new Client({ connectionString: `${serverUrl()}/postgres` });
  await client.connect();
  try {
    for (const name of SERVICES)
      await client.query(`DROP DATABASE IF EXISTS ${DB_PREFIX}_${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function deleteTopics() {
  const kafka = new Kafka({
    clientId: 'lrs-conformance',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(TOPIC_PREFIX));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

async function issueCredential(gateway) {
  const token = mintDevToken({ sub: 'lrs-conformance', roles: ['province-admin'] });
  const res = await fetch(`${gateway}/api/v1/courses/lrs-credentials`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      mooc: `lrs-conformance-${Date.now().toString(36)}`,
      label: 'ADL conformance suite',
    }),
  });
  if (res.status !== 201) throw new Error(`createLrsCredential answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Every failed test with the path of titles that leads to it. */
function failuresOf(node, trail = []) {
  const here = node.title ? [...trail, node.title] : trail;
  const children = node.tests ?? [];
  if (children.length === 0)
    return node.status === 'failed'
      ? [{ test: here.join(' > '), error: String(node.error ?? '').slice(0, 300) }]
      : [];
  return children.flatMap((c) => failuresOf(c, here));
}

async function main() {
  const suiteDir = opts.suiteDir ?? path.join(os.tmpdir(), 'bdhvs-lrs-conformance');
  prepareSuite(suiteDir);
  let platform = null;
  let endpoint = opts.endpoint;
  let { key, secret } = opts;
  try {
    if (!endpoint) {
      infraUp();
      const missing = [...SERVICES, 'gateway'].filter(
        (s) => !fs.existsSync(path.join(ROOT, 'dist/apps', s, 'main.js')),
      );
      if (missing.length > 0) {
        log(`building (missing bundles: ${missing.join(', ')})...`);
        buildAll();
      }
      await dropDatabases();
      log(
        `starting a platform (gateway :${PORTS.gateway}, databases ${DB_PREFIX}_*, topics ${TOPIC_PREFIX}*)...`,
      );
      platform = await startPlatform({
        dbPrefix: DB_PREFIX,
        groupPrefix: 'lrsconf-',
        topicPrefix: TOPIC_PREFIX,
        logLevel: 'warn',
        ports: PORTS,
        env: { KAFKA_TOPIC_PARTITIONS: '1' },
      });
      endpoint = `${platform.urls.gateway}/api/v1/courses/xapi`;
    }
    if (!key || !secret) ({ key, secret } = await issueCredential(new URL(endpoint).origin));
    const logs = path.join(suiteDir, 'logs');
    const before = new Set(fs.existsSync(logs) ? fs.readdirSync(logs) : []);
    log(`running the 1.0.3 set against ${endpoint}...`);
    const started = Date.now();
    spawnSync(
      process.execPath,
      [
        'bin/console_runner.js',
        '-e',
        endpoint,
        '-a',
        '-u',
        key,
        '-p',
        secret,
        '-x',
        '1.0.3',
        ...(opts.grep ? ['-g', opts.grep] : []),
      ],
      { cwd: suiteDir, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const seconds = Math.round((Date.now() - started) / 1000);
    const file = fs.readdirSync(logs).find((f) => !before.has(f));
    if (!file) throw new Error(`the suite wrote no log in ${logs}`);
    const result = JSON.parse(fs.readFileSync(path.join(logs, file), 'utf8'));
    const failures = failuresOf(result.log);
    const summary = { ...result.summary, seconds, endpoint, log: path.join(logs, file), failures };
    const out = opts.json ?? path.join(ROOT, '.cache', 'lrs-conformance.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
    for (const f of failures) process.stdout.write(`FAIL ${f.test}\n     ${f.error.replace(/\s+/g, ' ')}\n`);
    process.stdout.write(
      `\nxAPI ${summary.version} conformance: ${summary.passed} passed, ${summary.failed} failed of ${summary.total} ` +
        `in ${seconds} s (log ${summary.log}; summary ${out})\n`,
    );
    return summary.failed === 0 && summary.passed > 0;
  } finally {
    if (platform) {
      await platform.stop();
      await deleteTopics().catch((e) => log(`topics not deleted: ${e.message}`));
      await dropDatabases().catch((e) => log(`databases not dropped: ${e.message}`));
    }
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
