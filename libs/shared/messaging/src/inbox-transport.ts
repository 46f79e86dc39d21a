import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Observable, lastValueFrom, throwError } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import { EventValidationError, Topic, assertEventPayload, deadLetterTopic } from '@bdhvs/events';
import { inputProblems } from '@bdhvs/problem';
import { retryWithBackoff } from '@bdhvs/service-runtime';
import { CloudEvent, UndecodableMessageError, fromKafkaMessage } from './cloud-event';
import { TopicNames } from './kafka-connection';
import { consumerLag, deadLettered, eventsApplied, eventsDuplicate } from './messaging-metrics';

/**
 * What an `@EventPattern` handler gets beside its events (`@Ctx()`): the transaction that also records
 * them in the inbox. Everything the handler writes goes through `tx`, so effect and inbox row commit together.
 */
export class InboxContext {
  constructor(
    readonly tx: EntityManager,
    readonly topic: string,
    readonly partition: number,
  ) {}
}

/**
 * The two-key advisory lock a rebuild takes exclusively, per schema, to swap rebuilt tables in: batch
 * transactions of a service with `swapGate` take it shared, so none writes while tables move
 * (docs/decisions/0014, "Rebuild"). Readers never take it. The first key is 'swap' in ASCII.
 */
export const PROJECTION_SWAP_GATE = {
  classId: 0x73776170,
  sharedSql: `SELECT pg_advisory_xact_lock_shared(${0x73776170}, hashtext(current_schema()))`,
} as const;

/** Thrown by a handler for an event that can never be applied (no retry helps): it goes to the DLQ. */
export class RejectedEventError extends Error {}

/** A message on its way to `<topic>.dlq`, as a service that keeps dead letters for a person sees it. */
export interface DeadLetter {
  /** The contract's name of the topic it came from. */
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: string;
}

/**
 * Keeps a dead letter where a person will see it (a review queue), in its own transaction, before the
 * message goes to the DLQ; if it fails, the batch fails and Kafka delivers the message again.
 */
export type DeadLetterKeeper = (tx: EntityManager, letter: DeadLetter) => Promise<void>;

/** A Kafka message as plain JSON, to be kept (a dead letter in a review queue) and decoded later. */
export interface StoredMessage {
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export function storedMessage(partition: number, message: KafkaMessage): StoredMessage {
  return {
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? null,
    headers: Object.fromEntries(
      Object.entries(message.headers ?? {}).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, String(Array.isArray(value) ? value[0] : value)]],
      ),
    ),
  };
}

/** A kept message decoded as the inbox decodes it (decodeEvent). */
export function decodeStoredMessage(topic: string, stored: StoredMessage): CloudEvent {
  const message = {
    offset: stored.offset,
    timestamp: stored.timestamp,
    key: stored.key === null ? null : Buffer.from(stored.key, 'utf8'),
    value: stored.value === null ? null : Buffer.from(stored.value, 'utf8'),
    headers: Object.fromEntries(Object.entries(stored.headers).map(([k, v]) => [k, Buffer.from(v, 'utf8')])),
    attributes: 0,
  } as KafkaMessage;
  return decodeEvent(topic, stored.partition, message);
}

/**
 * A message of `topic` as a handler gets it: a CloudEvent whose data is safe text and matches the topic's
 * schema; UndecodableMessageError or EventValidationError otherwise.
 */
export function decodeEvent(topic: string, partition: number, message: KafkaMessage): CloudEvent {
  const event = fromKafkaMessage(topic, partition, message);
  const unsafe = inputProblems(event.data);
  if (unsafe.length > 0) throw new EventValidationError(topic, unsafe);
  return { ...event, data: assertEventPayload(topic as Topic, event.data) };
}

export interface InboxTransportOptions {
  groupId: string;
  topicNames: TopicNames;
  /** The name inbox rows are recorded under; default `groupId` (ServiceConfig.KAFKA_INBOX_CONSUMER). */
  inboxConsumer?: string;
  /** Each batch transaction first takes the projection swap gate shared (see PROJECTION_SWAP_GATE). */
  swapGate?: boolean;
  /** Messages applied per transaction. */
  chunkSize?: number;
  /** Partitions applied at once, each in its own transaction (ServiceConfig.KAFKA_PARTITIONS_CONCURRENTLY). */
  partitionsConcurrently?: number;
  retries?: number;
  retryBaseMs?: number;
}

interface DecodedMessage {
  message: KafkaMessage;
  event: CloudEvent;
}

const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|terminat|Connection|timeout/i;

/**
 * Messages applied per transaction. A handler locks each of its keys (lockKeys), and advisory locks live in
 * one lock table for the whole PostgreSQL server: 64 x max_connections slots by default (6,400). With chunks
 * of up to 5,000, certification's concurrent batches ran out of it, and learners' with them ("out of shared
 * memory": each failed chunk was then applied one message at a time). At 1,000 per chunk, six partitions at
 * once did not (benchmarks, run 7), and a commit per thousand events costs little.
 */
const DEFAULT_CHUNK_SIZE = 1_000;

/**
 * Nest's exception layer would turn a handler's error into "Internal server error"; the transport needs
 * the error itself, to retry it or to put its reason on the dead-letter topic.
 */
@Catch()
export class RethrowToTransport implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * A `@nestjs/microservices` transport over Kafka with a batch inbox (ADR 0003). A handler is
 *
 * ```ts
 * @EventPattern(Topics.certificateIssued)
 * record(@Payload() events: CloudEvent<CertificateIssuedV1>[], @Ctx() { tx }: InboxContext) { ... }
 * ```
 *
 * and gets, per chunk of a partition's batch and in offset order, the events the inbox has not seen,
 * inside the transaction that records them. If the chunk fails, each message is applied on its own with
 * retries, then sent to `<topic>.dlq` with the reason; a redelivered message changes nothing.
 * One topic has one handler per service: a second one fails the boot.
 */
export class InboxTransport extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private listening?: () => void;
  private readonly registered = new Promise<void>((resolve) => (this.listening = resolve));
  private readonly deadLetterKeepers = new Map<string, DeadLetterKeeper>();

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly options: InboxTransportOptions,
  ) {
    super();
  }

  private readonly log = new Logger(InboxTransport.name);

  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    const topic = this.normalizePattern(pattern as string);
    if (!isEventHandler) throw new Error(`${topic}: the inbox takes @EventPattern handlers only`);
    if (this.messageHandlers.has(topic))
      throw new Error(`${topic} has two @EventPattern handlers in this service; one topic has one handler`);
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  /** Dead letters of `topic` are also handed to `keeper` (one per topic), then sent to the DLQ as ever. */
  keepDeadLetters(topic: string, keeper: DeadLetterKeeper): void {
    if (this.deadLetterKeepers.has(topic)) throw new Error(`${topic} has two dead-letter keepers`);
    this.deadLetterKeepers.set(topic, keeper);
  }

  /** The contract's names of the topics this service consumes, once Nest has registered the handlers. */
  async consumedTopics(): Promise<string[]> {
    await this.registered;
    return [...this.messageHandlers.keys()];
  }

  /** Called by Nest once every handler is registered; consuming starts when Kafka is reachable. */
  listen(callback: () => void): void {
    this.listening?.();
    callback();
  }

  async startConsuming(): Promise<void> {
    const topics = await this.consumedTopics();
    if (topics.length === 0) return;
    // A short session lets a replacement of a killed instance take its partitions over quickly.
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 2_000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: topics.map((t) => this.options.topicNames.physical(t)),
      fromBeginning: true,
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
      autoCommit: true,
      eachBatchAutoResolve: false,
      eachBatch: (batch) => this.consumeBatch(batch),
    });
  }

  /** Stops fetching and waits for the batch in flight; its offsets are committed. */
  async close(): Promise<void> {
    await this.consumer?.disconnect();
  }

  on(): never {
    throw new Error('InboxTransport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async consumeBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    const topic = this.options.topicNames.logical(batch.topic);
    const handler = this.messageHandlers.get(topic);
    const chunkSize = this.options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!isRunning() || isStale()) break;
      const chunk = batch.messages.slice(start, start + chunkSize);
      if (handler) {
        const decoded = await this.decodeAll(topic, batch.topic, batch.partition, chunk);
        const together = await this.applyTogether(handler, topic, batch.partition, decoded).then(
          () => true,
          (error: Error) => {
            if (decoded.length > 1)
              this.log.warn(
                `chunk of ${decoded.length} on ${batch.topic} failed (${error.message}); applying one by one`,
              );
            return false;
          },
        );
        if (!together)
          for (const one of decoded) await this.applyAlone(handler, topic, batch.topic, batch.partition, one);
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
        decoded.push({ message, event: decodeEvent(topic, partition, message) });
      } catch (error) {
        if (error instanceof UndecodableMessageError || error instanceof EventValidationError) {
          await this.deadLetter(physicalTopic, partition, message, `invalid event: ${error.message}`);
        } else throw error;
      }
    }
    return decoded;
  }

  /** One transaction: the inbox rows of the chunk, then the handler with the events not seen before. */
  private async applyTogether(
    handler: MessageHandler,
    topic: string,
    partition: number,
    decoded: DecodedMessage[],
  ): Promise<void> {
    if (decoded.length === 0) return;
    await this.dataSource.transaction(async (tx) => {
      if (this.options.swapGate) await tx.query(PROJECTION_SWAP_GATE.sharedSql);
      const inserted: { event_id: string }[] = await tx.query(
        `INSERT INTO inbox (consumer, event_id, topic) SELECT $1, id, $3 FROM unnest($2::text[]) AS id
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.inboxConsumer ?? this.options.groupId, decoded.map((d) => d.event.id), topic],
      );
      const fresh = new Set(inserted.map((r) => r.event_id));
      // A redelivered event, or the same event twice in this chunk, is applied once.
      const events = decoded.flatMap(({ event }) => (fresh.delete(event.id) ? [event] : []));
      eventsDuplicate.inc({ topic }, decoded.length - events.length);
      if (events.length === 0) return;
      const result = await handler(events, new InboxContext(tx, topic, partition));
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      eventsApplied.inc({ topic }, events.length);
    });
  }

  private async applyAlone(
    handler: MessageHandler,
    topic: string,
    physicalTopic: string,
    partition: number,
    one: DecodedMessage,
  ): Promise<void> {
    try {
      await retryWithBackoff(() => this.applyTogether(handler, topic, partition, [one]), {
        retries: this.options.retries ?? 3,
        baseMs: this.options.retryBaseMs ?? 200,
        retryIf: (error) => !(error instanceof RejectedEventError),
        onRetry: (error, delay) =>
          this.log.warn(`event ${one.event.id} on ${topic} failed (${error.message}); retry in ${delay} ms`),
      });
    } catch (error) {
      const reason = (error as Error).message;
      // The database being away is not the message's fault: let Kafka redeliver it later.
      if (!(error instanceof RejectedEventError) && CONNECTION_ERROR.test(reason)) throw error;
      await this.deadLetter(
        physicalTopic,
        partition,
        one.message,
        error instanceof RejectedEventError ? reason : `failed after retries: ${reason}`,
      );
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
  ): Promise<void> {
    this.log.error(`dead-lettering ${topic}/${partition}@${message.offset}: ${reason}`);
    const logical = this.options.topicNames.logical(topic);
    const keeper = this.deadLetterKeepers.get(logical);
    if (keeper)
      await this.dataSource.transaction((tx) => keeper(tx, { topic: logical, partition, message, reason }));
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
