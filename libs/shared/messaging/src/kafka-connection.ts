import { Logger } from '@nestjs/common';
import { Admin, Kafka, LogEntry, Producer, logLevel } from 'kafkajs';
import { deadLetterTopic } from '@bdhvs/events';

export interface KafkaSettings {
  clientId: string;
  brokers: string[];
  partitions: number;
  replicationFactor: number;
}

// kafkajs' notice about its v2 default partitioner is noise here: every key is ours.
process.env['KAFKAJS_NO_PARTITIONER_WARNING'] ??= '1';

/** kafkajs' own lines go through the service's JSON logger, like every other line. */
function kafkaLogLine({ namespace, level, log }: LogEntry): void {
  const { message, error } = log as { message: string; error?: string };
  const logger = new Logger(`kafkajs:${namespace}`);
  const line = error && !message.includes(error) ? `${message}: ${error}` : message;
  if (level <= logLevel.ERROR) logger.error(line);
  else if (level === logLevel.WARN) logger.warn(line);
  else logger.log(line);
}

export function createKafka(settings: Pick<KafkaSettings, 'clientId' | 'brokers'>): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    logCreator: () => kafkaLogLine,
    retry: { initialRetryTime: 300, retries: 8 },
  });
}

/** Idempotent producer: a retried send never writes a message twice. One in flight keeps order per key. */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    retry: { initialRetryTime: 300, retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 10_000 },
  });
}

/**
 * Creates each topic and its dead-letter twin when missing; existing topics are left alone. Events are
 * kept for ever (as the Strimzi topics in k8s/base say): a projection is rebuilt by replaying them.
 */
export async function ensureTopics(
  admin: Admin,
  topics: readonly string[],
  settings: Pick<KafkaSettings, 'partitions' | 'replicationFactor'>,
) {
  const wanted = [...new Set(topics.flatMap((t) => (t.endsWith('.dlq') ? [t] : [t, deadLetterTopic(t)])))];
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((t) => !existing.has(t));
  if (missing.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({
      topic,
      numPartitions: settings.partitions,
      replicationFactor: settings.replicationFactor,
      configEntries: [{ name: 'retention.ms', value: '-1' }],
    })),
  });
}

/** Maps the contract's topic names to the broker's, under an optional prefix. */
export class TopicNames {
  constructor(readonly prefix = '') {}

  physical(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  logical(topic: string): string {
    return this.prefix && topic.startsWith(this.prefix) ? topic.slice(this.prefix.length) : topic;
  }
}
