import { DynamicModule, Global, Module, Provider, RequestMethod } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { Database, DatabaseOptions } from './database';
import { EventLoopProbe } from './event-loop';
import { HealthController } from './health.controller';
import { MetricsController, collectProcessMetrics } from './metrics';
import { ServiceConfig } from './service-config';
import { READINESS_PROBES, ReadinessProbe, SERVICE_CONFIG, SERVICE_NAME } from './tokens';
import { currentTrace } from './trace-context';

export interface ServiceRuntimeOptions {
  name: string;
  config: ServiceConfig;
  database: Omit<DatabaseOptions, 'url'>;
  /** Extra readiness probes, as provider tokens (the database is always checked). */
  readiness?: Provider[];
}

/**
 * What every service has: typed config, JSON logs with the trace id, its database (connected and
 * migrated in the background), /health/live, /health/ready and /metrics.
 */
@Global()
@Module({})
export class ServiceRuntimeModule {
  static forRoot(options: ServiceRuntimeOptions): DynamicModule {
    collectProcessMetrics();
    const database: Provider = {
      provide: Database,
      useFactory: () => {
        const db = new Database({
          ...options.database,
          url: options.config.DATABASE_URL,
          schema: options.config.DATABASE_SCHEMA,
        });
        void db.connect();
        return db;
      },
    };
    const eventLoop: Provider = {
      provide: EventLoopProbe,
      useFactory: () => new EventLoopProbe(options.config.EVENT_LOOP_MAX_DELAY_MS),
    };
    const readinessTokens = options.readiness ?? [];
    const probes: Provider = {
      provide: READINESS_PROBES,
      inject: [
        Database,
        EventLoopProbe,
        ...readinessTokens.map((p) => (typeof p === 'function' ? p : (p as { provide: unknown }).provide)),
      ] as never[],
      useFactory: (
        db: Database,
        eventLoopProbe: EventLoopProbe,
        ...others: ReadinessProbe[]
      ): ReadinessProbe[] => [{ name: 'database', check: () => db.ping() }, eventLoopProbe, ...others],
    };
    return {
      module: ServiceRuntimeModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          // Named wildcard (path-to-regexp 8): the default '*' makes Nest warn at every start.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: options.config.LOG_LEVEL,
            name: options.name,
            mixin: () => {
              const trace = currentTrace();
              return trace ? { traceId: trace.traceId } : {};
            },
            // x-access-reason is free text an officer types: it may name a person.
            redact: [
              'req.headers.authorization',
              'req.headers["x-vneid-signature"]',
              'req.headers.cookie',
              'req.headers["x-access-reason"]',
            ],
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: SERVICE_NAME, useValue: options.name },
        database,
        eventLoop,
        probes,
      ],
      exports: [SERVICE_CONFIG, SERVICE_NAME, Database],
    };
  }
}
