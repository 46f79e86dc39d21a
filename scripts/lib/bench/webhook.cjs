// Webhook: signed VNeID calls through the gateway with C in flight (accept: 202s per second and their
// latency), then until the province's indicator d shows every accepted event (visible). Also reads one
// real certificate-issued message, whose size the raw Kafka baseline of this phase copies.
'use strict';

const crypto = require('node:crypto');
const { PORTS, DB_PREFIX } = require('./platform.cjs');
const { dbWorkSnapshot, dbWorkSince } = require('./db-work.cjs');
const { WEBHOOK_PATH } = require('./events.cjs');
const { ISSUED_TOPIC } = require('./kafka-channel.cjs');
const { watchTopic } = require('./kafka.cjs');
const { keepAliveAgent, warmUp, postRaw, provinceD } = require('./http.cjs');
const { closedLoop } = require('./load.cjs');
const { startPolling, timelineOf } = require('./visibility.cjs');
const { cpuSnapshot, cpuDelta } = require('./proc.cjs');
const { round, log, thin, percentiles, withTimeout } = require('./util.cjs');

async function runWebhook({ run, ctx, requests, concurrency, target = 'gateway' }) {
  const { kadmin, gateway, admin } = ctx;
  const n = requests.length;
  const before = await provinceD(gateway, admin);
  const agent = keepAliveAgent(concurrency);
  run.onCleanup(async () => agent.destroy());
  await warmUp(agent, PORTS[target], concurrency);
  const relay = await watchTopic(kadmin, ISSUED_TOPIC);
  log(`webhook: ${n} signed calls to ${target}, ${concurrency} in flight`);

  const db0 = await dbWorkSnapshot(`${DB_PREFIX}_`);
  const cpu0 = cpuSnapshot(ctx.pids());
  const accept = await closedLoop({
    n,
    concurrency,
    label: 'webhook',
    isAborted: () => run.aborted,
    call: (i) => postRaw(agent, PORTS[target], WEBHOOK_PATH, requests[i].headers, requests[i].body),
    onStart: (t0) => relay.start(t0),
  });
  const cpuA = cpuSnapshot(ctx.pids());
  const accepted = accept.statuses['202'] ?? 0;
  const out = {
    events: n,
    target,
    concurrency,
    bodyBytes: round(requests.reduce((s, r) => s + r.body.length, 0) / n, 0),
    numeratorBefore: before.numerator,
    acceptSeconds: round(accept.seconds, 2),
    statuses: accept.statuses,
    accepted,
    nonAccepted: accept.done - accepted,
    acceptedPerSecond: round(accepted / accept.seconds, 1),
    latencyMs: percentiles(accept.latencies),
    cpuDuringAccept: cpuDelta(cpu0, cpuA),
  };
  log(
    `webhook: ${accepted} accepted (202) of ${accept.done} in ${out.acceptSeconds} s = ${out.acceptedPerSecond} /s; latency ms ${JSON.stringify(out.latencyMs)}`,
  );
  if (out.nonAccepted > 0)
    run.note(`webhook: ${out.nonAccepted} calls not answered 202: ${JSON.stringify(accept.statuses)}`);
  if (run.aborted) return out;

  // Polling starts when the last call is answered: nothing can be fully visible earlier, and the
  // indicator query would otherwise compete with the pipeline for the database.
  const poller = startPolling({
    read: async () => (await provinceD(gateway, admin)).numerator,
    intervalMs: 250,
    t0: accept.t0,
    isAborted: () => run.aborted,
  });
  const hit = await poller.until(before.numerator + accepted, {
    label: 'webhook',
    base: before.numerator,
    total: accepted,
  });
  await poller.stop();
  const relayTimeline = await relay.stop();
  const relayDone = relayTimeline.find(([, k]) => k >= accepted);
  const visibleSeconds = hit ? hit.answeredMs / 1000 : null;
  const visibleAtEnd = poller.polls[0] ? poller.polls[0].value - before.numerator : null;
  Object.assign(out, {
    numeratorAfter: poller.polls.at(-1)?.value ?? null,
    visibleAtEndOfAccept: visibleAtEnd,
    visibleSeconds: round(visibleSeconds, 2),
    endToEndPerSecond: visibleSeconds ? round(accepted / visibleSeconds, 1) : null,
    relayPublishedAllSeconds: relayDone ? round(relayDone[0] / 1000, 2) : null,
    projectionAfterAcceptPerSecond:
      visibleSeconds && visibleSeconds > accept.seconds
        ? round((accepted - visibleAtEnd) / (visibleSeconds - accept.seconds), 1)
        : null,
    cpuAcceptToVisible: cpuDelta(cpu0, cpuSnapshot(ctx.pids())),
    databaseWork: await dbWorkSince(db0, `${DB_PREFIX}_`, accepted),
    visibleTimeline: thin(timelineOf(poller.polls, before.numerator), 200),
    relayTimeline: thin(
      relayTimeline.map(([t, k]) => [round(t / 1000, 2), k]),
      200,
    ),
  });
  if (hit)
    log(
      `webhook: all ${accepted} visible ${out.visibleSeconds} s after the first call = ${out.endToEndPerSecond} /s`,
    );
  else
    run.note(
      `webhook: ${(out.numeratorAfter ?? before.numerator) - before.numerator} of ${accepted} visible when the wait ended`,
    );
  return out;
}

/** One real certificate-issued message (value, key, CloudEvents headers), read from the topic's tail. */
async function sampleIssuedMessage({ kafka, kadmin }) {
  const groupId = `bench-sample-${Date.now()}`;
  const offsets = await kadmin.fetchTopicOffsets(ISSUED_TOPIC);
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: ISSUED_TOPIC, fromBeginning: false });
    let resolveGot;
    const got = new Promise((resolve) => (resolveGot = resolve));
    await consumer.run({ autoCommit: false, eachMessage: async ({ message }) => resolveGot(message) });
    for (const p of offsets) {
      if (Number(p.high) > Number(p.low))
        consumer.seek({ topic: ISSUED_TOPIC, partition: p.partition, offset: String(Number(p.high) - 1) });
    }
    const message = await withTimeout(got, 30_000, 'reading a sample message');
    return {
      source: 'read from the topic',
      key: Buffer.from(message.key ?? ''),
      value: Buffer.from(message.value ?? ''),
      headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
    };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await kadmin.deleteGroups([groupId]).catch(() => undefined);
  }
}

/** The same fields as the certification service puts in the outbox, when no real message can be read. */
function synthesizedIssuedMessage() {
  const learnerKey = crypto.randomBytes(32).toString('hex');
  return {
    source: 'synthesized',
    key: Buffer.from(learnerKey),
    value: Buffer.from(
      JSON.stringify({
        certificateId: crypto.randomUUID(),
        certificateNo: 'SYNTHETIC-bench-0000000000000-0000000',
        learnerKey,
        programme: 'CITIZEN_BASIC',
        unitCode: '03388',
        unitMap: '2025',
        dateOfBirth: '1980-01-01',
        issuedAt: '2025-01-15T03:00:00.000Z',
        sourceEventId: crypto.randomUUID(),
      }),
    ),
    headers: {
      ce_specversion: '1.0',
      ce_id: crypto.randomUUID(),
      ce_type: ISSUED_TOPIC,
      ce_source: 'bdhvs/certification',
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
      ce_subject: 'SYNTHETIC-bench-0000000000000-0000000',
      traceparent: `00-${crypto.randomBytes(16).toString('hex')}-${crypto.randomBytes(8).toString('hex')}-01`,
    },
  };
}

/** n copies of the sample with distinct keys (like learner keys) and one ce_id each. */
function issuedLikeMessages(sample, n) {
  return Array.from({ length: n }, (_, i) => ({
    key: crypto.createHash('sha256').update(`bench-raw:${i}`).digest('hex'),
    value: sample.value,
    headers: { ...sample.headers, ce_id: crypto.randomUUID() },
  }));
}

module.exports = { runWebhook, sampleIssuedMessage, synthesizedIssuedMessage, issuedLikeMessages };
