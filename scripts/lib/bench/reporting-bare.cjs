// bench:reporting's bare references, at the rate of the warm reads and in the same run: single-row reads on
// the same PostgreSQL server over a pool of the services' size, and the same answer bytes served by a bare
// node:http server on loopback (no gateway, no Nest, no JWT, no database).
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Pool } = require('pg');
const { keepAliveAgent, warmUp } = require('./http.cjs');
const { startBareProcess } = require('./http-bare.cjs');
const { REPORTING_DB } = require('./reporting-dataset.cjs');
const { getRaw, steadyRate } = require('./reporting-reads.cjs');
const { log, pgServerUrl } = require('./util.cjs');

const POOL_SIZE = 10; // the services' TypeORM pool

/** What a cached answer costs reporting's database: the unit's row, then the projection version. */
const CACHED_ANSWER_READS = [
  [`SELECT code, name, type, parent_code FROM administrative_unit WHERE map = '2025' AND code = $1`, ['12']],
  ['SELECT version::text AS version FROM projection_version WHERE id = 1', []],
];

/** Each call runs `statements` one after the other on one pooled connection. */
async function bareReads({ run, label, statements, rate, seconds, maxInFlight }) {
  const pool = new Pool({ connectionString: `${pgServerUrl()}/${REPORTING_DB}`, max: POOL_SIZE });
  try {
    await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.query('SELECT 1')));
    const out = await steadyRate({
      run,
      rate,
      seconds,
      maxInFlight,
      label,
      call: async () => {
        const client = await pool.connect();
        try {
          for (const [text, values] of statements) await client.query(text, values);
          return 200;
        } catch {
          return 'error';
        } finally {
          client.release();
        }
      },
    });
    return { label, poolSize: POOL_SIZE, statements: statements.map(([text]) => text), ...out };
  } finally {
    await pool.end();
  }
}

const SERVER = `
const body = require('node:fs').readFileSync(process.argv[1]);
require('node:http')
  .createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  })
  .listen(0, '127.0.0.1', function () { process.send(this.address().port); });
`;

/** The bytes of one answer of `urlPath`, served by a bare node:http server in its own process, at the same rate. */
async function bareHttp({ run, ctx, urlPath, rate, seconds, maxInFlight }) {
  const res = await fetch(`${ctx.gateway}${urlPath}`, { headers: { authorization: `Bearer ${ctx.admin}` } });
  if (!res.ok) throw new Error(`${urlPath}: HTTP ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reporting-')), 'answer.json');
  fs.writeFileSync(file, body);
  const removeFile = run.onCleanup(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
  const { child, port: listening, stop } = startBareProcess(run, 'bare http server', SERVER, [file]);
  const agent = keepAliveAgent(maxInFlight);
  try {
    const port = await listening;
    log(`bare http server (pid ${child.pid}) on :${port}, ${body.length} B per answer`);
    await warmUp(agent, port, Math.min(maxInFlight, 32));
    const out = await steadyRate({
      run,
      rate,
      seconds,
      maxInFlight,
      label: 'bare http',
      pids: { 'bare http server': child.pid },
      call: async () => (await getRaw(agent, port, '/', null)).status,
    });
    return { label: 'bare node:http, same answer bytes', path: urlPath, bytes: body.length, ...out };
  } finally {
    agent.destroy();
    await stop();
    await removeFile();
  }
}

module.exports = { CACHED_ANSWER_READS, bareReads, bareHttp };
