// What the figures were measured on: cores, memory, load, versions and the commit of the work tree.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { round, sh, pgServerUrl } = require('./util.cjs');

const ROOT = path.resolve(__dirname, '..', '..', '..');

function machineFacts() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  let kafka = null;
  try {
    const infra = fs.readFileSync(path.join(ROOT, 'scripts/infra/infra.sh'), 'utf8');
    kafka = /^KAFKA_VERSION="([^"]+)"/m.exec(infra)?.[1] ?? null;
  } catch {
    /* unknown */
  }
  const git = (...args) => sh('git', args, { cwd: ROOT });
  const changed = git('status', '--porcelain', '--untracked-files=no');
  return {
    nproc: Number(sh('nproc', [])) || os.availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memTotalGiB: round(memKb / 1024 / 1024, 1),
    node: process.version,
    kafka,
    kernel: os.release(),
    commit: git('rev-parse', '--short', 'HEAD'),
    // The services are edited while benches run: say whether the tree differed from the commit.
    uncommittedFiles: changed === null ? null : changed.split('\n').filter(Boolean).length,
  };
}

function loadNow() {
  return { loadavg: os.loadavg().map((x) => round(x, 2)), uptime: sh('uptime', []) };
}

async function postgresFacts() {
  const client = new Client({ connectionString: `${pgServerUrl()}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT version() AS version, current_setting('synchronous_commit') AS sync,
              current_setting('fsync') AS fsync, current_setting('shared_buffers') AS shared_buffers,
              current_setting('max_connections')::int AS max_connections,
              current_setting('autovacuum') AS autovacuum`,
    );
    return {
      version: rows[0].version.split(' on ')[0],
      synchronousCommit: rows[0].sync,
      fsync: rows[0].fsync,
      sharedBuffers: rows[0].shared_buffers,
      maxConnections: rows[0].max_connections,
      // Off, no table is ever analysed: the planner scans whole tables where an index serves (run 7).
      autovacuum: rows[0].autovacuum,
    };
  } finally {
    await client.end();
  }
}

function describeMachine(m, pg) {
  return `${m.nproc} cpu, ${m.cpuModel}, ${m.memTotalGiB} GiB RAM, node ${m.node}, Kafka ${m.kafka ?? '?'}, ${pg?.version ?? 'PostgreSQL ?'} (synchronous_commit=${pg?.synchronousCommit ?? '?'}, fsync=${pg?.fsync ?? '?'}, autovacuum=${pg?.autovacuum ?? '?'}); commit ${m.commit ?? '?'}${m.uncommittedFiles ? ` + ${m.uncommittedFiles} uncommitted files` : ''}`;
}

module.exports = { ROOT, machineFacts, loadNow, postgresFacts, describeMachine };
