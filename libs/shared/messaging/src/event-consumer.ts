import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import {
  EventValidationError,
  Topic,
  assertEventPayload,
  deadLetterTopic,
  EventPayloads,
} from '@bdhvs/events';
import { inputProblems } from '@bdhvs/problem';
import { newTraceContext, parseTraceparent, runWithTrace } from '@bdhvs/service-runtime';
import { CloudEvent, UndecodableMessageError, fromKafkaMessage } from './cloud-event';
import { TopicNames } from './kafka-connection';
import { consumerLag, deadLettered, eventsApplied, eventsDuplicate } from './messaging-metrics';

/** A consumer's reaction to one event, applied in the transaction that also records it in the inbox. */
export interface EventHandler<K extends keyof EventPayloads = keyof EventPayloads> {
  readonly topic: K;
  apply(tx: EntityManager, event: CloudEvent<EventPayloads[K]>): Promise<void>;
}

/** Thrown by a handler for an event that can never be applied (no retry helps): it goes to the DLQ. */
export class RejectedEventError extends Error {}

export interface EventConsumerOptions {
  groupId: string;
  topicNames?: TopicNames;
  retries?: number;
  retryBaseMs?: number;
}

interface DecodedMessage {
  message: KafkaMessage;
  event: CloudEvent;
}

/** Messages applied per database transaction. */
const BATCH_CHUNK = 200;

const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|terminat|Connection|timeout/i;

/**
 * Consumes through the inbox: `(consumer, ce_id)` is stored in the same transaction as the effect, so a
 * redelivered or replayed message changes nothing. A message that cannot be applied after its retries
 * goes to `<topic>.dlq` with the reason and its original headers, and the partition moves on.
 */
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly handlers = new Map<string, EventHandler>();
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly options: EventConsumerOptions,
    handlers: EventHandler[],
  ) {
    for (const handler of handlers) this.handlers.set(handler.topic, handler);
  }

  private get names(): TopicNames {
    return this.options.topicNames ?? new TopicNames();
  }

  /** The contract's names of the topics this consumer applies. */
  get topics(): string[] {
    return [...this.handlers.keys()];
  }

  async start(): Promise<void> {
    if (this.handlers.size === 0) return;
    // A short session lets a replacement of a killed instance take its partitions over quickly.
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 2_000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.topics.map((t) => this.names.physical(t)),
      fromBeginning: true,
    });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      eachBatch: (batch) => this.consumeBatch(batch),
    });
  }

  /** Stops fetching and waits for the batch in flight; its offsets are committed. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  /**
   * Applies a batch in one database transaction (one commit instead of one per message). If anything in
   * it fails, the transaction rolls back and each message is applied on its own, with retries and the
   * dead-letter topic, so one bad message never takes good ones down with it.
   */
  private async consumeBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    commitOffsetsIfNecessary,
  }: EachBatchPayload) {
    const handler = this.handlers.get(this.names.logical(batch.topic));
    for (let start = 0; start < batch.messages.length; start += BATCH_CHUNK) {
      if (!isRunning() || isStale()) break;
      const chunk = batch.messages.slice(start, start + BATCH_CHUNK);
      const decoded = handler ? await this.decodeAll(handler.topic, batch.topic, batch.partition, chunk) : [];
      let appliedTogether = false;
      if (handler && decoded.length > 1) {
        appliedTogether = await this.applyAllOnce(handler, decoded).then(
          () => true,
          (error: Error) => {
            this.logger.warn(
              `batch of ${decoded.length} on ${batch.topic} failed (${error.message}); applying one by one`,
            );
            return false;
          },
        );
      }
      if (!appliedTogether && handler) {
        for (const event of decoded) await this.consumeEvent(handler, batch.topic, batch.partition, event);
      }
      resolveOffset(chunk[chunk.length - 1].offset);
      await heartbeat();
    }
    await commitOffsetsIfNecessary();
    const lag = Number(batch.highWatermark) - Number(batch.lastOffset()) - 1;
    consumerLag.set({ topic: batch.topic, partition: String(batch.partition) }, Math.max(0, lag));
  }

  /** Decodes and validates each message; an undecodable or invalid one goes to the DLQ at once. */
  private async decodeAll(
    topic: string,
    physicalTopic: string,
    partition: number,
    messages: KafkaMessage[],
  ): Promise<DecodedMessage[]> {
    const decoded: DecodedMessage[] = [];
    for (const message of messages) {
      try {
        const event = fromKafkaMessage(topic, partition, message);
        const unsafe = inputProblems(event.data);
        if (unsafe.length > 0) throw new EventValidationError(topic, unsafe);
        decoded.push({ message, event: { ...event, data: assertEventPayload(topic as Topic, event.data) } });
      } catch (error) {
        if (error instanceof UndecodableMessageError || error instanceof EventValidationError) {
          await this.deadLetter(physicalTopic, partition, message, `invalid event: ${error.message}`);
        } else throw error;
      }
    }
    return decoded;
  }

  private applyAllOnce(handler: EventHandler, decoded: DecodedMessage[]): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      const ids = decoded.map((d) => d.event.id);
      const inserted: { event_id: string }[] = await tx.query(
        `INSERT INTO inbox (consumer, event_id, topic) SELECT $1, id, $3 FROM unnest($2::text[]) AS id
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.groupId, ids, handler.topic],
      );
      const fresh = new Set(inserted.map((r) => r.event_id));
      for (const { event } of decoded) {
        // A redelivered event (or the same event twice in this batch) is applied once.
        if (!fresh.delete(event.id)) {
          eventsDuplicate.inc({ topic: handler.topic });
          continue;
        }
        await runWithTrace(newTraceContext(parseTraceparent(event.traceparent)), () =>
          handler.apply(tx, event as CloudEvent<never>),
        );
        eventsApplied.inc({ topic: handler.topic });
      }
    });
  }

  private async consumeEvent(
    handler: EventHandler,
    topic: string,
    partition: number,
    { message, event }: DecodedMessage,
  ): Promise<void> {
    const trace = newTraceContext(parseTraceparent(event.traceparent));
    const retries = this.options.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        const applied = await runWithTrace(trace, () => this.applyOnce(handler, event));
        (applied ? eventsApplied : eventsDuplicate).inc({ topic: handler.topic });
        return;
      } catch (error) {
        const reason = (error as Error).message;
        if (error instanceof RejectedEventError) return this.deadLetter(topic, partition, message, reason);
        if (attempt >= retries) {
          // The database being away is not the message's fault: let Kafka redeliver it later.
          if (CONNECTION_ERROR.test(reason)) throw error;
          return this.deadLetter(
            topic,
            partition,
            message,
            `failed after ${attempt + 1} attempts: ${reason}`,
          );
        }
        const delay = (this.options.retryBaseMs ?? 200) * 2 ** attempt;
        this.logger.warn(`event ${event.id} on ${topic} failed (${reason}); retry in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /** Returns false when the inbox had already seen the event. */
  private applyOnce(handler: EventHandler, event: CloudEvent): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO inbox (consumer, event_id, topic) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.groupId, event.id, handler.topic],
      );
      if (inserted.length === 0) return false;
      await handler.apply(tx, event as CloudEvent<never>);
      return true;
    });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
  ): Promise<void> {
    this.logger.error(`dead-lettering ${topic}/${partition}@${message.offset}: ${reason}`);
    await this.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            dlq_reason: reason,
            dlq_original_topic: topic,
            dlq_original_partition: String(partition),
            dlq_original_offset: message.offset,
            dlq_consumer_group: this.options.groupId,
            dlq_failed_at: new Date().toISOString(),
          },
        },
      ],
    });
    deadLettered.inc({ topic });
  }
}
