// bench:reporting's rebuild and export phases (issue 10, "Measure"): `npm run reporting:rebuild` on the
// bench's dataset beside a bare consumer reading the same topics in the same run, and the time to export
// the province with each breakdown.
'use strict';

const { rebuildReporting } = require('../reporting-rebuild.cjs');
const { log, now, round } = require('./util.cjs');

/** A bare kafkajs consumer of its own group reading `topics` from the beginning to their current ends. */
async function bareConsume({ kafka, kadmin, topics }) {
  const ends = new Map();
  let total = 0;
  for (const topic of topics)
    for (const { partition, high } of await kadmin.fetchTopicOffsets(topic)) {
      ends.set(`${topic}/${partition}`, Number(high));
      total += Number(high);
    }
  const groupId = `bench-bare-rebuild-${Date.now()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  let received = 0;
  const started = now();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise((resolve) => {
      if (total === 0) resolve();
      void consumer.run({
        eachBatch: async ({ batch }) => {
          received += batch.messages.length;
          if (received >= total) resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await kadmin.deleteGroups([groupId]).catch(() => undefined);
  }
  const seconds = (now() - started) / 1000;
  return { messages: received, seconds: round(seconds, 2), perSecond: round(received / seconds, 1) };
}

async function rebuildPhase({ kafka, kadmin, database, reportingUrl, groupPrefix, topicPrefix }) {
  log('rebuild: replaying every topic reporting consumes into a fresh database...');
  const started = now();
  const rebuilt = await rebuildReporting({
    liveDatabase: database,
    liveUrl: reportingUrl,
    port: 23095,
    groupPrefix,
    topicPrefix,
    dropRetired: true,
    log: (line) => log(`rebuild: ${line}`),
  });
  const totalSeconds = (now() - started) / 1000;
  const topics = (await kadmin.fetchOffsets({ groupId: `${groupPrefix}reporting` }))
    .map((t) => t.topic)
    .filter((t) => !t.endsWith('.dlq'));
  log('bare consumer of the same topics...');
  const bare = await bareConsume({ kafka, kadmin, topics });
  const catchUpSeconds = rebuilt.elapsedMs / 1000;
  return {
    catchUpSeconds: round(catchUpSeconds, 2),
    totalSecondsWithCheck: round(totalSeconds, 2),
    compared: rebuilt.compared,
    mismatches: rebuilt.mismatches.length,
    swapped: rebuilt.swapped,
    bare,
    ratioToBare: round(catchUpSeconds / bare.seconds, 2),
    eventsPerSecond: round(bare.messages / catchUpSeconds, 1),
  };
}

/** Cold CSV exports of the province: the first after each change, one per breakdown. */
async function exportPhase({ ctx, breakdowns, period, bump }) {
  const out = [];
  for (const [i, breakdown] of breakdowns.entries()) {
    await bump(1000 + i);
    const query = breakdown === 'none' ? '' : `&breakdown=${breakdown}`;
    const started = now();
    const res = await fetch(
      `${ctx.gateway}/api/v1/reporting/indicators/export?unit=12&period=${period}${query}`,
      {
        headers: { authorization: `Bearer ${ctx.admin}` },
      },
    );
    const body = Buffer.from(await res.arrayBuffer());
    out.push({
      breakdown,
      status: res.status,
      ms: round(now() - started, 1),
      bytes: body.length,
      lines: body.toString('utf8').trim().split('\n').length,
    });
    log(`export ${breakdown}: ${out[out.length - 1].ms} ms, ${body.length} B`);
  }
  return out;
}

module.exports = { rebuildPhase, exportPhase, bareConsume };
