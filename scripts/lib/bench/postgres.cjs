// The bare limits of the PostgreSQL server: single-row commits, multi-row INSERTs and COPY, each into a
// plain (WAL-logged) table: a TEMP table skips the WAL and would not give the durable-write floor.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const readline = require('node:readline');
const { execFileSync, spawnSync } = require('node:child_process');
const { Client, Pool } = require('pg');
const { now, round, log, percentiles, pgServerUrl } = require('./util.cjs');

async function withClient(db, fn) {
  const client = new Client({ connectionString: `${pgServerUrl()}/${db}` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const recreateDatabase = (db) =>
  withClient('postgres', async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${db}`);
  });

const countIn = (db, sql) => withClient(db, async (c) => Number((await c.query(sql)).rows[0].n));

/**
 * n single-row INSERT commits (uuid + jsonb payload) at each number of connections in `levels`, capped
 * by the free max_connections. The table is dropped afterwards.
 */
async function rawSingleRowCommits({ run, db, payload, n, levels }) {
  const table = `bench_raw_${Date.now()}`;
  const out = { database: db, table, rowPayloadBytes: Buffer.byteLength(payload), runs: [] };
  const { max, used } = await withClient(db, async (c) => {
    const { rows } = await c.query(
      `SELECT current_setting('max_connections')::int AS max, (SELECT count(*)::int FROM pg_stat_activity) AS used`,
    );
    await c.query(
      `CREATE TABLE ${table} (id bigint PRIMARY KEY, event_id uuid NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    return rows[0];
  });
  const dropTable = run.onCleanup(() =>
    withClient(db, (c) => c.query(`DROP TABLE IF EXISTS ${table}`)).catch((e) =>
      log(`could not drop ${table}: ${e.message}`),
    ),
  );
  try {
    const free = max - used - 10; // room for the reserved slots and everyone else
    const capped = levels.map((wanted) => Math.max(1, Math.min(wanted, free)));
    if (capped.some((c, i) => c < levels[i]))
      run.note(`raw PostgreSQL connections capped at ${free} (max_connections ${max}, ${used} in use)`);
    let nextId = 0;
    for (const c of new Set(capped)) {
      if (run.aborted) break;
      const pool = new Pool({ connectionString: `${pgServerUrl()}/${db}`, max: c });
      try {
        await Promise.all(Array.from({ length: c }, () => pool.query('SELECT 1')));
        const latencies = new Float64Array(n);
        const base = nextId;
        nextId += n;
        let i = 0;
        const t0 = now();
        await Promise.all(
          Array.from({ length: c }, async () => {
            while (!run.aborted) {
              const k = i++;
              if (k >= n) return;
              const s = now();
              await pool.query(`INSERT INTO ${table} (id, event_id, payload) VALUES ($1, $2, $3)`, [
                base + k,
                crypto.randomUUID(),
                payload,
              ]);
              latencies[k] = now() - s;
            }
          }),
        );
        const t = (now() - t0) / 1000;
        const rows = Math.min(i, n);
        const r = {
          connections: c,
          rows,
          seconds: round(t, 2),
          rowsPerSecond: round(rows / t, 1),
          latencyMs: percentiles(latencies.subarray(0, rows)),
        };
        out.runs.push(r);
        log(`raw PostgreSQL: ${rows} single-row commits over ${c} connections = ${r.rowsPerSecond} /s`);
      } finally {
        await pool.end();
      }
    }
  } finally {
    await dropTable();
  }
  return out;
}

async function textTable(db, table, columns) {
  await withClient(db, async (c) => {
    await c.query(`DROP TABLE IF EXISTS ${table}`);
    await c.query(`CREATE TABLE ${table} (${columns.map((col) => `${col} text`).join(', ')})`);
  });
}

/**
 * `psql \copy` of a CSV file (with a header) into a plain table of text columns; seconds, or null without
 * psql. pg-copy-streams is not a dependency of the project, so COPY FROM STDIN goes through the psql client.
 */
async function rawCopy({ db, file, columns }) {
  if (spawnSync('psql', ['--version']).status !== 0) return null;
  await textTable(db, 'bench_raw_copy', columns);
  const t0 = now();
  execFileSync('psql', [
    `${pgServerUrl()}/${db}`,
    '-v',
    'ON_ERROR_STOP=1',
    '-q',
    '-c',
    `\\copy bench_raw_copy FROM '${file}' WITH (FORMAT csv, HEADER true)`,
  ]);
  return (now() - t0) / 1000;
}

// A statement carries at most 65,535 parameters (the protocol's 16-bit count).
const MAX_PARAMETERS = 65_535;

/**
 * The same CSV rows as multi-row INSERTs of `batch` rows per transaction (fewer when that many rows would
 * exceed a statement's parameters) over one connection; seconds.
 */
async function rawMultiRowInsert({ db, file, columns, batch: asked }) {
  const batch = Math.min(asked, Math.floor(MAX_PARAMETERS / columns.length));
  await textTable(db, 'bench_raw_insert', columns);
  return withClient(db, async (c) => {
    const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    const t0 = now();
    let rows = [];
    let header = true;
    const flush = async () => {
      if (rows.length === 0) return;
      const values = [];
      const tuples = rows.map((r, i) => {
        values.push(...r);
        return `(${r.map((_, j) => `$${i * r.length + j + 1}`).join(', ')})`;
      });
      await c.query('BEGIN');
      await c.query(`INSERT INTO bench_raw_insert VALUES ${tuples.join(', ')}`, values);
      await c.query('COMMIT');
      rows = [];
    };
    for await (const line of lines) {
      if (header) {
        header = false;
        continue;
      }
      if (!line) continue;
      rows.push(line.split(','));
      if (rows.length >= batch) await flush();
    }
    await flush();
    return (now() - t0) / 1000;
  });
}

module.exports = { recreateDatabase, countIn, rawSingleRowCommits, rawCopy, rawMultiRowInsert };
