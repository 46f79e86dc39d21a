#!/usr/bin/env node
// Dead letters of every service, one command for the platform:
//   npm run -s dlq -- list    [--topic TOPIC] [--all]
//   npm run -s dlq -- redrive  --topic TOPIC   [--offset N ...] [--dry-run]
// TOPIC is the contract name (`vneid.certification-events.v1` or its `.dlq`). Brokers and the topic
// prefix come from KAFKA_BROKERS and KAFKA_TOPIC_PREFIX, as for the services. A message's value is never
// printed (a VNeID event carries a citizen ID); its reason, origin and CloudEvents id are.
//
// `redrive` sends each dead letter back to the topic it failed on, without its dlq_* headers, and then
// remembers in the consumer group `platform-dlq-redrive` how far it got: `list` shows only what is still
// waiting (`--all` shows the redriven too), and a second redrive sends nothing twice. A message redriven
// before its cause is fixed comes back to the DLQ with a new offset; one applied before (the inbox knows
// its id) changes nothing.
const { parseArgs } = require('node:util');
const { Kafka, logLevel } = require('kafkajs');

const GROUP = 'platform-dlq-redrive';
const DLQ_SUFFIX = '.dlq';

function fail(message) {
  process.stderr.write(`dlq: ${message}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      topic: { type: 'string' },
      offset: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
    },
  });
} catch (error) {
  fail(error.message);
}
const { values, positionals } = parsed;
const command = positionals[0];
if (command !== 'list' && command !== 'redrive')
  fail('usage: dlq list [--topic T] [--all] | dlq redrive --topic T [--offset N ...] [--dry-run]');
if (command === 'redrive' && !values.topic)
  fail('redrive needs --topic (the contract name of the topic or its .dlq)');
const offsets = values.offset?.map((o) => {
  if (!/^\d+$/.test(o)) fail(`--offset ${o} is not an offset`);
  return o;
});

const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
const kafka = new Kafka({
  clientId: 'bdhvs-dlq',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});

const header = (message, name) => message.headers?.[name]?.toString();
const physicalDlq = (topic) => `${prefix}${topic.endsWith(DLQ_SUFFIX) ? topic : `${topic}${DLQ_SUFFIX}`}`;

/** The DLQ topics of this prefix that hold at least one message. */
async function dlqTopics(admin) {
  const all = await admin.listTopics();
  return all.filter((t) => t.startsWith(prefix) && t.endsWith(DLQ_SUFFIX)).sort();
}

/** Every message of a topic from `from` (per partition) up to its end when called, oldest first. */
async function readTopic(admin, topic, from) {
  const ends = await admin.fetchTopicOffsets(topic);
  const wanted = ends.filter((p) => Number(p.high) > Number(from.get(p.partition) ?? p.low));
  if (wanted.length === 0) return [];
  const consumer = kafka.consumer({ groupId: `bdhvs-dlq-reader-${process.pid}-${Date.now()}` });
  const messages = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let remaining = wanted.length;
    await new Promise((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = wanted.find((p) => p.partition === partition);
            if (!end) return;
            if (Number(message.offset) >= Number(from.get(partition) ?? 0))
              messages.push({ partition, message });
            if (Number(message.offset) === Number(end.high) - 1 && --remaining === 0) resolve();
          },
        })
        .catch(reject);
      for (const p of wanted)
        consumer.seek({ topic, partition: p.partition, offset: String(from.get(p.partition) ?? p.low) });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages.sort(
    (a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset),
  );
}

async function redrivenUpTo(admin, topic) {
  const [committed] = await admin.fetchOffsets({ groupId: GROUP, topics: [topic] });
  return new Map(
    (committed?.partitions ?? []).filter((p) => Number(p.offset) >= 0).map((p) => [p.partition, p.offset]),
  );
}

function describe(topic, { partition, message }) {
  return [
    `${topic.slice(prefix.length)} ${partition}@${message.offset}`,
    `  from      ${header(message, 'dlq_original_topic')?.slice(prefix.length) ?? '?'} ${header(message, 'dlq_original_partition') ?? '?'}@${header(message, 'dlq_original_offset') ?? '?'} (group ${header(message, 'dlq_consumer_group') ?? '?'})`,
    `  failed at ${header(message, 'dlq_failed_at') ?? '?'}`,
    `  ce_id     ${header(message, 'ce_id') ?? '(none: plain message, identified by its bytes)'}`,
    `  reason    ${header(message, 'dlq_reason') ?? '?'}`,
  ].join('\n');
}

async function list(admin) {
  const topics = values.topic ? [physicalDlq(values.topic)] : await dlqTopics(admin);
  let total = 0;
  for (const topic of topics) {
    const from = values.all ? new Map() : await redrivenUpTo(admin, topic);
    const messages = await readTopic(admin, topic, from);
    for (const m of messages) process.stdout.write(`${describe(topic, m)}\n`);
    total += messages.length;
  }
  process.stdout.write(`${total} dead letter(s)${values.all ? '' : ' waiting'}\n`);
}

async function redrive(admin) {
  const topic = physicalDlq(values.topic);
  const from = await redrivenUpTo(admin, topic);
  const waiting = await readTopic(admin, topic, from);
  const chosen = offsets ? waiting.filter((m) => offsets.includes(m.message.offset)) : waiting;
  if (offsets && chosen.length !== offsets.length)
    fail('some --offset is not a waiting dead letter of that topic (see dlq list)');
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  if (!values['dry-run']) await producer.connect();
  try {
    for (const m of chosen) {
      const original = header(m.message, 'dlq_original_topic');
      if (!original) fail(`${m.partition}@${m.message.offset} has no dlq_original_topic header`);
      const headers = Object.fromEntries(
        Object.entries(m.message.headers ?? {}).filter(([name]) => !name.startsWith('dlq_')),
      );
      process.stdout.write(
        `${values['dry-run'] ? 'would redrive' : 'redrive'} ${m.partition}@${m.message.offset} -> ${original.slice(prefix.length)}\n`,
      );
      if (!values['dry-run'])
        await producer.send({
          topic: original,
          acks: -1,
          messages: [{ key: m.message.key, value: m.message.value, headers }],
        });
    }
  } finally {
    if (!values['dry-run']) await producer.disconnect();
  }
  // Without --offset everything waiting was sent: remember how far. With --offset the rest keeps waiting.
  if (!values['dry-run'] && !offsets && chosen.length > 0) {
    const last = new Map();
    for (const m of chosen) last.set(m.partition, String(Number(m.message.offset) + 1));
    await admin
      .setOffsets({
        groupId: GROUP,
        topic,
        partitions: [...last].map(([partition, offset]) => ({ partition, offset })),
      })
      .catch(async () => {
        // A group with no committed offsets yet is created by committing through a consumer.
        const consumer = kafka.consumer({ groupId: GROUP });
        await consumer.connect();
        await consumer.commitOffsets([...last].map(([partition, offset]) => ({ topic, partition, offset })));
        await consumer.disconnect();
      });
  }
  process.stdout.write(`${chosen.length} dead letter(s) ${values['dry-run'] ? 'to redrive' : 'redriven'}\n`);
}

(async () => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (command === 'list') await list(admin);
    else await redrive(admin);
  } finally {
    await admin.disconnect();
  }
})().catch((error) => fail(error.message));
