import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Type,
} from '@nestjs/common';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { Database, ReadinessProbe, SERVICE_CONFIG, ServiceConfig } from '@bdhvs/service-runtime';
import { EventConsumer, EventHandler } from './event-consumer';
import { TopicNames, createIdempotentProducer, createKafka, ensureTopics } from './kafka-connection';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

export interface MessagingOptions {
  /** CloudEvents `source` and Kafka client id, e.g. `bdhvs/certification`. */
  source: string;
  groupId: string;
  /** Topics this service produces; created (with their DLQs) at start when missing. */
  produces: readonly string[];
  handlers: Type<EventHandler>[];
  /** Modules whose providers the handlers need. */
  imports?: DynamicModule['imports'];
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
const KAFKA = Symbol('KAFKA');
const PRODUCER = Symbol('PRODUCER');
const HANDLERS = Symbol('HANDLERS');

@Injectable()
export class KafkaReadiness implements ReadinessProbe {
  readonly name = 'kafka';
  connected = false;
  private admin?: Admin;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async check(): Promise<void> {
    if (!this.connected) throw new Error('not connected to Kafka');
    this.admin ??= this.kafka.admin();
    await this.admin.connect();
    await this.admin.describeCluster();
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
  }
}

/** Connects to Kafka once the database is ready, retrying with backoff; stops in the right order. */
@Injectable()
export class MessagingLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Messaging');
  private stopping = false;
  private startup?: Promise<void>;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PRODUCER) private readonly producer: Producer,
    private readonly database: Database,
    private readonly relay: OutboxRelay,
    private readonly consumer: EventConsumer,
    private readonly readiness: KafkaReadiness,
  ) {}

  onApplicationBootstrap(): void {
    this.startup = this.start();
  }

  private async start(): Promise<void> {
    await this.database.whenReady();
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.producer.connect();
        const admin = this.kafka.admin();
        await admin.connect();
        try {
          const names = new TopicNames(this.config.KAFKA_TOPIC_PREFIX);
          await ensureTopics(
            admin,
            [...this.options.produces, ...this.consumer.topics].map((t) => names.physical(t)),
            {
              partitions: this.config.KAFKA_TOPIC_PARTITIONS,
              replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
            },
          );
        } finally {
          await admin.disconnect();
        }
        if (this.stopping) return;
        this.relay.start();
        await this.consumer.start();
        this.readiness.connected = true;
        this.logger.log(`connected to Kafka; consuming ${this.consumer.topics.join(', ') || 'nothing'}`);
        return;
      } catch (error) {
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
        this.logger.warn(
          `Kafka not reachable (attempt ${attempt}): ${(error as Error).message}; retry in ${delay} ms`,
        );
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.readiness.connected = false;
    await this.consumer.stop().catch(() => undefined);
    await this.relay.stop().catch((e) => this.logger.warn(`outbox flush failed: ${e.message}`));
    await this.producer.disconnect().catch(() => undefined);
    await this.readiness.close().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: options.imports ?? [],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: KAFKA,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) =>
            createKafka({
              clientId: options.source.replace(/\W+/g, '-'),
              brokers: config.KAFKA_BROKERS.split(','),
            }),
        },
        { provide: PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => createIdempotentProducer(kafka) },
        ...options.handlers,
        {
          provide: HANDLERS,
          inject: options.handlers,
          useFactory: (...handlers: EventHandler[]) => handlers,
        },
        {
          provide: OutboxRelay,
          inject: [Database, PRODUCER, SERVICE_CONFIG],
          useFactory: (db: Database, producer: Producer, config: ServiceConfig) =>
            new OutboxRelay(db.dataSource, producer, {
              topicNames: new TopicNames(config.KAFKA_TOPIC_PREFIX),
            }),
        },
        {
          provide: Outbox,
          inject: [OutboxRelay],
          useFactory: (relay: OutboxRelay) => new Outbox(options.source, () => relay.kick()),
        },
        {
          provide: EventConsumer,
          inject: [KAFKA, Database, PRODUCER, HANDLERS, SERVICE_CONFIG],
          useFactory: (
            kafka: Kafka,
            db: Database,
            producer: Producer,
            handlers: EventHandler[],
            config: ServiceConfig,
          ) =>
            new EventConsumer(
              kafka,
              db.dataSource,
              producer,
              {
                groupId: `${config.KAFKA_GROUP_PREFIX}${options.groupId}`,
                topicNames: new TopicNames(config.KAFKA_TOPIC_PREFIX),
              },
              handlers,
            ),
        },
        KafkaReadiness,
        MessagingLifecycle,
      ],
      exports: [Outbox, KafkaReadiness, ...options.handlers],
    };
  }
}
