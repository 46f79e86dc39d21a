// Kafka channel: VNeID events produced as plain JSON straight onto the inbound topic
// `bench.vneid.certification-events.v1`, timed from the first produce until the province's indicator d
// has grown by all of them (certification consumer -> outbox -> certificate-issued -> reporting).
'use strict';

const { TOPIC_PREFIX, DB_PREFIX } = require('./platform.cjs');
const { dbWorkSnapshot, dbWorkSince } = require('./db-work.cjs');
const { idempotentProducer, produceAll, watchTopic } = require('./kafka.cjs');
const { provinceD } = require('./http.cjs');
const { startPolling, timelineOf } = require('./visibility.cjs');
const { cpuSnapshot, cpuDelta } = require('./proc.cjs');
const { now, round, log, thin } = require('./util.cjs');

const INBOUND_TOPIC = `${TOPIC_PREFIX}vneid.certification-events.v1`;
const ISSUED_TOPIC = `${TOPIC_PREFIX}certification.certificate-issued.v1`;

/** Key = the citizen ID's blind index, as the contract asks of the adapter; value = the webhook's body. */
const inboundMessages = (events, keys) =>
  events.map((e, i) => ({ key: keys[i], value: Buffer.from(JSON.stringify(e)) }));

async function runKafkaChannel({ run, ctx, messages }) {
  const { kafka, kadmin, gateway, admin } = ctx;
  const n = messages.length;
  const before = await provinceD(gateway, admin);
  const producer = idempotentProducer(kafka);
  await producer.connect();
  log(`kafka channel: ${n} events onto ${INBOUND_TOPIC}`);
  const relay = await watchTopic(kadmin, ISSUED_TOPIC);
  const db0 = await dbWorkSnapshot(`${DB_PREFIX}_`);
  const cpu0 = cpuSnapshot(ctx.pids());
  const t0 = now();
  relay.start(t0);
  let produced;
  try {
    produced = await produceAll(producer, INBOUND_TOPIC, messages, () => run.aborted);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  const produceSeconds = (now() - t0) / 1000;
  log(`kafka channel: ${produced} produced in ${round(produceSeconds, 2)} s`);
  // Polling starts once everything is produced: nothing can be fully visible before, and the indicator
  // query would otherwise compete with the pipeline.
  const poller = startPolling({
    read: async () => (await provinceD(gateway, admin)).numerator,
    intervalMs: 250,
    t0,
    isAborted: () => run.aborted,
  });
  const hit = await poller.until(before.numerator + produced, {
    label: 'kafka channel',
    base: before.numerator,
    total: produced,
  });
  await poller.stop();
  const relayTimeline = await relay.stop();
  const cpu = cpuDelta(cpu0, cpuSnapshot(ctx.pids()));
  const databaseWork = await dbWorkSince(db0, `${DB_PREFIX}_`, produced);
  const visibleSeconds = hit ? hit.answeredMs / 1000 : null;
  const relayDone = relayTimeline.find(([, k]) => k >= produced);
  const last = poller.polls.at(-1)?.value ?? before.numerator;
  const out = {
    topic: INBOUND_TOPIC,
    events: n,
    produced,
    valueBytes: round(messages.reduce((s, m) => s + m.value.length, 0) / n, 0),
    numeratorBefore: before.numerator,
    numeratorAfter: last,
    produceSeconds: round(produceSeconds, 2),
    producePerSecond: round(produced / produceSeconds, 1),
    visibleAtEndOfProduce: poller.polls[0] ? poller.polls[0].value - before.numerator : null,
    visibleSeconds: round(visibleSeconds, 2),
    eventsPerSecond: visibleSeconds ? round(produced / visibleSeconds, 1) : null,
    certificatesIssuedAllSeconds: relayDone ? round(relayDone[0] / 1000, 2) : null,
    cpu,
    databaseWork,
    visibleTimeline: thin(timelineOf(poller.polls, before.numerator), 200),
    issuedTimeline: thin(
      relayTimeline.map(([t, k]) => [round(t / 1000, 2), k]),
      200,
    ),
  };
  if (hit)
    log(
      `kafka channel: all ${produced} visible ${out.visibleSeconds} s after the first produce = ${out.eventsPerSecond} /s`,
    );
  else
    run.note(
      `kafka channel: ${last - before.numerator} of ${produced} visible when the wait ended (stalled or aborted)`,
    );
  if (last > before.numerator + produced)
    run.note(
      `kafka channel: the numerator grew by ${last - before.numerator}, more than the ${produced} produced`,
    );
  return out;
}

module.exports = { INBOUND_TOPIC, ISSUED_TOPIC, inboundMessages, runKafkaChannel };
