// What the platform's databases did for a phase, from pg_stat_database: commits and rows written
// (inserted + updated + deleted) in every bench database, per event. It says how much durable work one
// event is, which bare limits can then be scaled by (raw multi-row INSERT rows/s over rows per event).
'use strict';

const { Client } = require('pg');
const { pgServerUrl, round, sleep } = require('./util.cjs');

// PostgreSQL 15 publishes a backend's counters at most once a second (PGSTAT_MIN_INTERVAL).
const STATS_FLUSH_MS = 1_500;

async function dbWorkSnapshot(prefix) {
  const client = new Client({ connectionString: `${pgServerUrl()}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT datname, xact_commit::bigint AS commits,
              (tup_inserted + tup_updated + tup_deleted)::bigint AS written
         FROM pg_stat_database WHERE datname LIKE $1 || '%'`,
      [prefix],
    );
    return Object.fromEntries(
      rows.map((r) => [r.datname, { commits: Number(r.commits), written: Number(r.written) }]),
    );
  } finally {
    await client.end();
  }
}

/** Waits for the counters to be published, then the work since `before`, per database and per event. */
async function dbWorkSince(before, prefix, events) {
  await sleep(STATS_FLUSH_MS);
  const after = await dbWorkSnapshot(prefix);
  const perDatabase = {};
  let commits = 0;
  let written = 0;
  for (const [db, b] of Object.entries(after)) {
    const a = before[db] ?? { commits: 0, written: 0 };
    const d = { commits: b.commits - a.commits, rowsWritten: b.written - a.written };
    perDatabase[db] = { ...d, rowsWrittenPerEvent: round(d.rowsWritten / events, 2) };
    commits += d.commits;
    written += d.rowsWritten;
  }
  return {
    commits,
    rowsWritten: written,
    commitsPerEvent: round(commits / events, 3),
    rowsWrittenPerEvent: round(written / events, 2),
    perDatabase,
  };
}

module.exports = { dbWorkSnapshot, dbWorkSince };
