import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  INestApplication,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Admin, Kafka, Producer } from 'kafkajs';
import {
  Database,
  ReadinessProbe,
  SERVICE_CONFIG,
  ServiceConfig,
  retryWithBackoff,
} from '@bdhvs/service-runtime';
import { InboxTransport, RethrowToTransport } from './inbox-transport';
import { TopicNames, createIdempotentProducer, createKafka, ensureTopics } from './kafka-connection';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

export interface MessagingOptions {
  /** CloudEvents `source` and Kafka client id, e.g. `bdhvs/certification`. */
  source: string;
  groupId: string;
  /** Topics this service produces; created (with their DLQs) at start when missing. */
  produces: readonly string[];
  /** Its projections can be rebuilt and swapped in while it runs: batches pass the swap gate. */
  rebuildable?: boolean;
  /**
   * Partitions applied at once, each in its own transaction (default 1). Only for a service whose handlers
   * take their locks in one order (as certification's per-learner advisory locks are), so that concurrent
   * batches wait for each other instead of deadlocking. KAFKA_PARTITIONS_CONCURRENTLY overrides it.
   */
  partitionsConcurrently?: number;
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
const KAFKA = Symbol('KAFKA');
const PRODUCER = Symbol('PRODUCER');

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
    private readonly inbox: InboxTransport,
    private readonly readiness: KafkaReadiness,
  ) {}

  onApplicationBootstrap(): void {
    this.startup = this.start();
  }

  private async start(): Promise<void> {
    await this.database.whenReady();
    await retryWithBackoff(
      async () => {
        await this.producer.connect();
        const consumed = await this.inbox.consumedTopics();
        const admin = this.kafka.admin();
        await admin.connect();
        try {
          const names = new TopicNames(this.config.KAFKA_TOPIC_PREFIX);
          await ensureTopics(
            admin,
            [...this.options.produces, ...consumed].map((t) => names.physical(t)),
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
        await this.inbox.startConsuming();
        this.readiness.connected = true;
        this.logger.log(`connected to Kafka; consuming ${consumed.join(', ') || 'nothing'}`);
      },
      {
        retries: Infinity,
        baseMs: 1_000,
        stopped: () => this.stopping,
        onRetry: (error, delay, attempt) =>
          this.logger.warn(
            `Kafka not reachable (attempt ${attempt}): ${error.message}; retry in ${delay} ms`,
          ),
      },
    ).catch((error: Error) => {
      if (!this.stopping) this.logger.error(`messaging did not start: ${error.message}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.readiness.connected = false;
    await this.inbox.close().catch(() => undefined);
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
          provide: InboxTransport,
          inject: [KAFKA, Database, PRODUCER, SERVICE_CONFIG],
          useFactory: (kafka: Kafka, db: Database, producer: Producer, config: ServiceConfig) =>
            new InboxTransport(kafka, db.dataSource, producer, {
              groupId: `${config.KAFKA_GROUP_PREFIX}${options.groupId}`,
              inboxConsumer: config.KAFKA_INBOX_CONSUMER,
              swapGate: options.rebuildable ?? false,
              topicNames: new TopicNames(config.KAFKA_TOPIC_PREFIX),
              partitionsConcurrently: config.KAFKA_PARTITIONS_CONCURRENTLY ?? options.partitionsConcurrently,
            }),
        },
        KafkaReadiness,
        MessagingLifecycle,
      ],
      exports: [Outbox, KafkaReadiness, InboxTransport],
    };
  }
}

/**
 * Connects the service's `@EventPattern` handlers to Kafka through the batch inbox. Set as `connect` of
 * a ServiceDefinition: Nest registers the handlers at start, and a topic with two handlers fails the boot.
 */
export function connectInbox(app: INestApplication): void {
  // Deferred, so that the filter is in place before Nest wraps the handlers (a connected microservice is
  // otherwise initialised at once and ignores later filters); the app has already run the init hooks.
  const inbox = app.connectMicroservice({ strategy: app.get(InboxTransport) }, { deferInitialization: true });
  inbox.useGlobalFilters(new RethrowToTransport());
  (inbox as unknown as { setIsInitHookCalled(called: boolean): void }).setIsInitHookCalled(true);
}
