// Kafka for the benchmarks: a client, a producer set up like the platform's (idempotent, acks=-1), end
// offsets of a topic over time, and the bare limit: produce then consume the same messages on a fresh topic.
'use strict';

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

const { Kafka, logLevel } = require('kafkajs');
const { HOST, now, round, sleep, log, withTimeout } = require('./util.cjs');

const BATCH = 1000;
const PARTITIONS = 6; // KAFKA_TOPIC_PARTITIONS default of the services

function createKafka(clientId) {
  return new Kafka({
    clientId,
    brokers: (process.env.KAFKA_BROKERS ?? `${HOST}:9092`).split(','),
    logLevel: logLevel.NOTHING,
  });
}

async function endOffsetSum(kadmin, topic) {
  return (await kadmin.fetchTopicOffsets(topic)).reduce((s, p) => s + Number(p.high), 0);
}

/** How many messages a topic receives from start(t0) on, every intervalMs; stop() returns [[ms, n]]. */
async function watchTopic(kadmin, topic, intervalMs = 250) {
  const base = await endOffsetSum(kadmin, topic);
  const timeline = [];
  let watching = true;
  let loop = Promise.resolve();
  return {
    start(t0) {
      loop = (async () => {
        while (watching) {
          try {
            timeline.push([now() - t0, (await endOffsetSum(kadmin, topic)) - base]);
          } catch {
            /* the next sample will do */
          }
          await sleep(intervalMs);
        }
      })();
    },
    async stop() {
      watching = false;
      await loop;
      return timeline;
    },
  };
}

function idempotentProducer(kafka) {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}

/** Sequential sendBatch calls of BATCH messages, acks=-1; returns how many were sent. */
async function produceAll(producer, topic, messages, isAborted) {
  let sent = 0;
  for (let i = 0; i < messages.length && !isAborted(); i += BATCH) {
    const batch = messages.slice(i, i + BATCH);
    await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: batch }] });
    sent += batch.length;
  }
  return sent;
}

/**
 * The bare limit: the messages produced as produceAll does to a fresh topic of PARTITIONS partitions,
 * then read by one fresh consumer group (eachBatch). Topic and group are deleted afterwards.
 * "Produce then consume" = n / (produce time + consume time including the group join).
 */
async function rawProduceThenConsume({ run, kafka, kadmin, messages, label }) {
  const tag = `${Date.now()}-${label}`;
  const topic = `bench.raw-${tag}`;
  const groupId = `bench-raw-${tag}`;
  const valueBytes = round(messages.reduce((s, m) => s + m.value.length, 0) / messages.length, 0);
  const out = { topic, partitions: PARTITIONS, messages: messages.length, batchSize: BATCH, valueBytes };
  log(`raw Kafka (${label}): ${messages.length} messages of ~${valueBytes} B to ${topic}`);
  await kadmin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
  });
  const dropTopic = run.onCleanup(async () => {
    await kadmin.deleteGroups([groupId]).catch(() => undefined);
    await kadmin
      .deleteTopics({ topics: [topic] })
      .catch((e) => log(`could not delete ${topic}: ${e.message}`));
  });
  try {
    const producer = idempotentProducer(kafka);
    await producer.connect();
    const tp0 = now();
    let sent;
    try {
      sent = await produceAll(producer, topic, messages, () => run.aborted);
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
    const tp = (now() - tp0) / 1000;
    Object.assign(out, {
      produced: sent,
      produceSeconds: round(tp, 2),
      producePerSecond: round(sent / tp, 1),
    });
    if (run.aborted) return out;

    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    let received = 0;
    let tFirst = null;
    let tLast = null;
    const tc0 = now();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      const all = new Promise((resolve) => {
        void consumer.run({
          eachBatch: async ({ batch }) => {
            tFirst ??= now();
            received += batch.messages.length;
            if (received >= sent) {
              tLast = now();
              resolve();
            }
          },
        });
      });
      await withTimeout(all, 300_000, 'raw consume');
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
    const consumeAll = (tLast - tc0) / 1000;
    const consumeData = (tLast - tFirst) / 1000;
    Object.assign(out, {
      consumed: received,
      consumeSecondsInclJoin: round(consumeAll, 2),
      consumeSecondsFromFirstBatch: round(consumeData, 2),
      consumePerSecond: round(received / Math.max(consumeData, 0.001), 1),
      produceThenConsumeSeconds: round(tp + consumeAll, 2),
      produceThenConsumePerSecond: round(sent / (tp + consumeAll), 1),
    });
    log(
      `raw Kafka (${label}): produce ${out.producePerSecond} /s, consume ${out.consumePerSecond} /s, produce then consume ${out.produceThenConsumePerSecond} /s`,
    );
    return out;
  } finally {
    await dropTopic();
  }
}

module.exports = {
  BATCH,
  createKafka,
  endOffsetSum,
  watchTopic,
  idempotentProducer,
  produceAll,
  rawProduceThenConsume,
};
