// Rebuilds reporting's projections from the topics it consumes into fresh tables beside the live ones,
// checks them, and swaps them in while reads go on (docs/decisions/0014, "Rebuild"). Used by
// `npm run reporting:rebuild`, the e2e suite and bench:reporting.
'use strict';

const { Client } = require('pg');
const { Kafka, logLevel } = require('kafkajs');
const { startService, serverUrl } = require('./platform.cjs');
const { mintDevToken } = require('./dev-keys.cjs');

/**
 * Tables that are not projections of events, or whose numbering callers hold: they stay where they are,
 * never rebuilt. What people wrote (figures, periodic reports with their frozen rows and history,
 * subscriptions and deliveries), units (seeded, and copied into the rebuild), the change feed and its
 * version (district systems hold cursors into it), migrations, and the outbox (reporting produces nothing).
 */
const KEPT_TABLES = [
  'migrations',
  'administrative_unit',
  'official_figure',
  'periodic_report',
  'periodic_report_action',
  'report_subscription',
  'report_delivery',
  'projection_version',
  'indicator_change',
  'outbox',
];

/** PROJECTION_SWAP_GATE.classId in libs/shared/messaging: reporting's batches take it shared. */
const SWAP_GATE_CLASS = 0x73776170;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withClient(database, fn) {
  const client = new Client({ connectionString: `${serverUrl()}/${database}` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Events the live service has applied that the rebuilt tables have not (both inboxes record `consumer`). */
async function notYetRebuilt(client, liveSchema, schema, consumer) {
  const [row] = (
    await client.query(
      `SELECT count(*)::int AS n FROM "${liveSchema}".inbox l
       WHERE l.consumer = $1
         AND NOT EXISTS (SELECT 1 FROM "${schema}".inbox r WHERE r.consumer = $1 AND r.event_id = l.event_id)`,
      [consumer],
    )
  ).rows;
  return row.n;
}

/**
 * Swaps the rebuilt tables in. Holding the swap gate, no live batch writes; reads go on. Once the rebuild
 * has applied everything the live service applied, the rebuild stops and, in one transaction, each live
 * projection table moves to `retired` and its rebuilt twin takes its place; the version moves on and
 * every unit is noted as changed (caches, ETags and the change feed see the new numbers). The live
 * consumers then go on from their own offsets: what the rebuild applied beyond them is in the swapped-in
 * inbox, so they skip it.
 */
async function swapIn({ database, liveSchema, schema, retired, consumer, stopRebuild, log }) {
  return withClient(database, async (c) => {
    // A foreign key between a swapped and a kept table would follow the wrong twin: refuse.
    const crossing = (
      await c.query(
        `SELECT conname FROM pg_constraint k
         JOIN pg_class a ON a.oid = k.conrelid JOIN pg_class b ON b.oid = k.confrelid
         WHERE k.contype = 'f' AND k.connamespace = $1::regnamespace
           AND (a.relname = ANY($2)) <> (b.relname = ANY($2))`,
        [schema, KEPT_TABLES],
      )
    ).rows.map((r) => r.conname);
    if (crossing.length > 0)
      throw new Error(`foreign keys between swapped and kept tables: ${crossing.join(', ')}`);
    await c.query('SELECT pg_advisory_lock($1, hashtext($2))', [SWAP_GATE_CLASS, liveSchema]);
    const paused = Date.now();
    try {
      const deadline = Date.now() + 120_000;
      for (let missing; (missing = await notYetRebuilt(c, liveSchema, schema, consumer)) > 0;) {
        if (Date.now() > deadline)
          throw new Error(`${missing} events the live service applied never reached the rebuild`);
        await sleep(200);
      }
      await stopRebuild();
      const missing = await notYetRebuilt(c, liveSchema, schema, consumer);
      if (missing > 0) throw new Error(`${missing} events the live service applied are not in the rebuild`);
      const tables = (
        await c.query(
          `SELECT tablename FROM pg_tables WHERE schemaname = $1 AND NOT tablename = ANY($2) ORDER BY tablename`,
          [schema, KEPT_TABLES],
        )
      ).rows.map((r) => r.tablename);
      for (let attempt = 1; ; attempt++) {
        try {
          await c.query('BEGIN');
          // A long read holds a table: give up and try again rather than queue every read behind us.
          await c.query(`SET LOCAL lock_timeout = '2s'`);
          await c.query(`CREATE SCHEMA "${retired}"`);
          for (const table of tables) {
            await c.query(`ALTER TABLE IF EXISTS "${liveSchema}"."${table}" SET SCHEMA "${retired}"`);
            await c.query(`ALTER TABLE "${schema}"."${table}" SET SCHEMA "${liveSchema}"`);
          }
          const [{ version }] = (
            await c.query(
              `UPDATE "${liveSchema}".projection_version SET version = version + 1 WHERE id = 1 RETURNING version`,
            )
          ).rows;
          await c.query(
            `INSERT INTO "${liveSchema}".indicator_change (version, unit_code)
             SELECT $1, code FROM "${liveSchema}".administrative_unit ON CONFLICT DO NOTHING`,
            [version],
          );
          await c.query('COMMIT');
          log(`swapped ${tables.length} tables in; live writes paused ${Date.now() - paused} ms`);
          return tables;
        } catch (error) {
          await c.query('ROLLBACK');
          if (error.code !== '55P03' || attempt === 5) throw error;
          log(`a read held a table (${error.message}); swapping again`);
          await sleep(200 * attempt);
        }
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SWAP_GATE_CLASS, liveSchema]);
    }
  });
}

/** Drops what the rebuild left behind: its copies of the kept tables, then its schema. */
async function dropSchemas(database, schemas, log) {
  await withClient(database, async (c) => {
    for (const schema of schemas) {
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } catch (error) {
        log(`could not drop schema ${schema}: ${error.message}`);
      }
    }
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
 *   catchUpTimeoutMs, swap = true, dropRetired = false }.
 * Returns { database, schema, retired, group, elapsedMs, compared, mismatches, swapped }.
 * Without a difference (and with `swap`), the rebuilt tables replace the live ones; the replaced ones stay
 * in the schema `retired` unless `dropRetired`. With a difference, nothing is swapped and the rebuilt
 * tables stay in `schema` to be looked at.
 */
async function rebuildReporting(options) {
  const log = options.log ?? (() => undefined);
  const stamp = Date.now().toString(36);
  const database = options.liveDatabase;
  const liveSchema = 'public';
  const schema = `rebuild_${stamp}`;
  const retired = `retired_${stamp}`;
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
  const stopRebuild = async () => {
    const running = instance;
    instance = undefined;
    await running?.stop();
  };
  try {
    // The live group's topics are the ones reporting consumes.
    const topics = (await admin.fetchOffsets({ groupId: liveGroup }))
      .map((t) => t.topic)
      .filter((t) => !t.endsWith('.dlq'));
    log(`rebuilding into schema ${schema} of ${database} (group ${group}) from ${topics.length} topics`);
    instance = await startService('reporting', {
      port: options.port,
      database,
      groupPrefix,
      topicPrefix: options.topicPrefix ?? '',
      logLevel: 'warn',
      env: {
        DATABASE_SCHEMA: schema,
        // Inbox rows under the live name: after the swap the live consumers skip what the rebuild applied.
        KAFKA_INBOX_CONSUMER: liveGroup,
        REPORT_DELIVERY_INTERVAL_MS: '60000',
      },
    });
    // Units and figures too, in case the broker no longer holds their events.
    await withClient(database, async (c) => {
      for (const table of ['administrative_unit', 'official_figure'])
        await c.query(
          `INSERT INTO "${schema}"."${table}" SELECT * FROM "${liveSchema}"."${table}" ON CONFLICT DO NOTHING`,
        );
    });
    const deadline = Date.now() + (options.catchUpTimeoutMs ?? 30 * 60_000);
    let consecutive = 0;
    while (consecutive < 2) {
      if (Date.now() > deadline) throw new Error('the rebuild did not catch up in time');
      consecutive = (await caughtUp(admin, group, topics)) ? consecutive + 1 : 0;
      await sleep(500);
    }
    const elapsedMs = Date.now() - started;
    log(`caught up in ${elapsedMs} ms; comparing with the live numbers`);

    const token = mintDevToken({ sub: 'reporting-rebuild', roles: ['province-admin'] });
    const units = await withClient(database, async (c) =>
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
          await sleep(1_000);
        }
      }
    }
    log(`${compared} unit-period answers compared, ${mismatches.length} differ`);
    let swapped = false;
    if (mismatches.length === 0 && options.swap !== false) {
      await swapIn({ database, liveSchema, schema, retired, consumer: liveGroup, stopRebuild, log });
      swapped = true;
      await dropSchemas(database, options.dropRetired ? [schema, retired] : [schema], log);
    } else {
      await stopRebuild();
    }
    await admin.deleteGroups([group]).catch(() => undefined);
    return { database, schema, retired, group, groupPrefix, elapsedMs, compared, mismatches, swapped };
  } finally {
    await stopRebuild();
    await admin.disconnect();
  }
}

module.exports = { rebuildReporting, KEPT_TABLES };
