// Rebuilds reporting's projections from the topics it consumes, beside the live ones, and checks them
// (docs/decisions/0014, "Rebuild"). Used by `npm run reporting:rebuild` and by the e2e suite.
'use strict';

const { Client } = require('pg');
const { Kafka, logLevel } = require('kafkajs');
const { startService, serverUrl } = require('./platform.cjs');
const { mintDevToken } = require('./dev-keys.cjs');

/** Written by people, not derived from events: copied from the live database, never rebuilt. */
const KEPT_TABLES = [
  'official_figure',
  'periodic_report',
  'periodic_report_action',
  'report_subscription',
  'report_delivery',
];

async function withClient(database, fn) {
  const client = new Client({ connectionString: `${serverUrl()}/${database}` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Copies each table's rows from one database to the other, one statement per table. `replace`: the
 * target's rows go first; else rows the target already has (by primary key) stay as they are.
 */
async function copyTables(from, to, tables, { replace }) {
  const rows = await withClient(from, async (c) => {
    const out = {};
    for (const table of tables)
      out[table] = (await c.query(`SELECT coalesce(json_agg(t), '[]') AS rows FROM ${table} t`)).rows[0].rows;
    return out;
  });
  await withClient(to, async (c) => {
    await c.query('BEGIN');
    if (replace) for (const table of [...tables].reverse()) await c.query(`DELETE FROM ${table}`);
    for (const table of tables) {
      await c.query(
        `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1)
         ${replace ? '' : 'ON CONFLICT DO NOTHING'}`,
        [JSON.stringify(rows[table])],
      );
      // A bigserial id goes on from the copied rows.
      const [serial] = (
        await c.query(
          `SELECT pg_get_serial_sequence($1, 'id') AS sequence FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id'`,
          [table],
        )
      ).rows;
      const sequence = serial?.sequence;
      if (sequence)
        await c.query(`SELECT setval($1, (SELECT coalesce(max(id), 0) + 1 FROM ${table}), false)`, [
          sequence,
        ]);
    }
    await c.query('COMMIT');
  });
}

/** Whether `group` has committed up to the end of every partition of `topics`. */
async function caughtUp(admin, group, topics) {
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    for (const end of ends) {
      const c = committed.partitions.find((p) => p.partition === end.partition);
      if (Number(end.high) > 0 && (!c || Number(c.offset) < Number(end.high))) return false;
    }
  }
  return true;
}

async function rowsOf(url, token, unit, period) {
  const res = await fetch(`${url}/api/v1/reporting/indicators?unit=${unit}&period=${period}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  const rows = await res.json();
  return rows.map((r) => ({
    indicator: r.indicator,
    numerator: r.numerator,
    denominator: r.denominator,
    registered: r.registered,
  }));
}

/** Every year from 2025 to this one, and their quarters. */
function periodsUpTo(now) {
  const periods = [];
  for (let year = 2025; year <= now.getUTCFullYear(); year++)
    periods.push(String(year), ...[1, 2, 3, 4].map((q) => `${year}Q${q}`));
  return periods;
}

/**
 * options: { liveDatabase, liveUrl, groupPrefix, topicPrefix, port, provinceCode = '12', log,
 *   catchUpTimeoutMs }. Returns { database, group, elapsedMs, compared, mismatches }.
 */
async function rebuildReporting(options) {
  const log = options.log ?? (() => undefined);
  const stamp = Date.now().toString(36);
  const database = `${options.liveDatabase}_rebuild_${stamp}`;
  const groupPrefix = `${options.groupPrefix ?? ''}rebuild-${stamp}-`;
  const group = `${groupPrefix}reporting`;
  const liveGroup = `${options.groupPrefix ?? ''}reporting`;
  const kafka = new Kafka({
    clientId: 'reporting-rebuild',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const started = Date.now();
  let instance;
  try {
    // The live group's topics are the ones reporting consumes.
    const topics = (await admin.fetchOffsets({ groupId: liveGroup }))
      .map((t) => t.topic)
      .filter((t) => !t.endsWith('.dlq'));
    log(`rebuilding into ${database} (group ${group}) from ${topics.length} topics`);
    instance = await startService('reporting', {
      port: options.port,
      database,
      groupPrefix,
      topicPrefix: options.topicPrefix ?? '',
      logLevel: 'warn',
      env: { REPORT_DELIVERY_INTERVAL_MS: '60000' },
    });
    // Units too, in case the broker no longer holds their events (a local broker keeps 7 days).
    await copyTables(options.liveDatabase, database, ['administrative_unit', 'official_figure'], {
      replace: false,
    });
    const deadline = Date.now() + (options.catchUpTimeoutMs ?? 30 * 60_000);
    let consecutive = 0;
    while (consecutive < 2) {
      if (Date.now() > deadline) throw new Error('the rebuild did not catch up in time');
      consecutive = (await caughtUp(admin, group, topics)) ? consecutive + 1 : 0;
      await new Promise((r) => setTimeout(r, 500));
    }
    const elapsedMs = Date.now() - started;
    log(`caught up in ${elapsedMs} ms; comparing with the live numbers`);

    const token = mintDevToken({ sub: 'reporting-rebuild', roles: ['province-admin'] });
    const units = await withClient(options.liveDatabase, async (c) =>
      (
        await c.query(
          `SELECT code FROM administrative_unit WHERE map = '2025' AND (code = $1 OR parent_code = $1) ORDER BY code`,
          [options.provinceCode ?? '12'],
        )
      ).rows.map((r) => r.code),
    );
    const mismatches = [];
    let compared = 0;
    for (const unit of units) {
      for (const period of periodsUpTo(new Date())) {
        // Live numbers may move while we compare: a difference is read again once both have caught up.
        for (let attempt = 0; ; attempt++) {
          const [live, rebuilt] = await Promise.all([
            rowsOf(options.liveUrl, token, unit, period),
            rowsOf(instance.url, token, unit, period),
          ]);
          const same = JSON.stringify(live) === JSON.stringify(rebuilt);
          if (same || attempt === 2) {
            compared++;
            if (!same) mismatches.push({ unit, period, live, rebuilt });
            break;
          }
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }
    }
    await instance.stop();
    instance = undefined;
    // Reports, approvals, figures and subscriptions are the people's: the live ones, as they are now.
    await copyTables(options.liveDatabase, database, KEPT_TABLES, { replace: true });
    log(`${compared} unit-period answers compared, ${mismatches.length} differ`);
    return { database, group, groupPrefix, elapsedMs, compared, mismatches };
  } finally {
    await instance?.stop();
    await admin.disconnect();
  }
}

module.exports = { rebuildReporting, KEPT_TABLES };
