import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  ProblemDetailsFilter,
  ProblemMapping,
  answerClientErrorsAsProblems,
  createValidationPipe,
} from '@bdhvs/problem';
import { Logger } from 'nestjs-pino';
import { Database, DatabaseOptions } from './database';
import { HttpMetricsMiddleware } from './metrics';
import { withPlatformAnswers } from './openapi-answers';
import { documentValidationBounds } from './openapi-constraints';
import { TraceMiddleware } from './trace.middleware';
import { ConfigError, ServiceConfig, loadConfig } from './service-config';

export interface ServiceDefinition<C extends ServiceConfig> {
  /** Service name, also its route prefix: /api/v1/<name>. */
  name: string;
  title: string;
  configType: new () => C;
  database: Omit<DatabaseOptions, 'url'>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  appModule: (config: C) => any;
  problems?: Record<string, ProblemMapping>;
  bodyLimit?: string;
  /** Connects the service's transports (e.g. `connectInbox` of @bdhvs/messaging) before they start. */
  connect?: (app: INestApplication) => void;
}

/** Reads the config or exits with one line naming what is wrong. */
export function configOrExit<C extends ServiceConfig>(type: new () => C): C {
  try {
    return loadConfig(type);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export function buildOpenApiDocument(app: INestApplication, name: string, title: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addTag(name)
    .build();
  documentValidationBounds();
  return withPlatformAnswers(
    SwaggerModule.createDocument(app, config, {
      operationIdFactory: (_controllerKey, methodKey) => methodKey,
    }),
  );
}

export async function createServiceApp<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
): Promise<INestApplication> {
  const app = await NestFactory.create(definition.appModule(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  const trace = new TraceMiddleware();
  const metrics = new HttpMetricsMiddleware();
  app.use(trace.use.bind(trace), metrics.use.bind(metrics));
  const express = await import('express');
  // Raw bytes are kept beside the parsed body: webhook signatures are computed over them.
  app.use(
    express.json({
      limit: definition.bodyLimit ?? '1mb',
      verify: (req, _res, buf) => {
        (req as unknown as { rawBody: Buffer }).rawBody = buf;
      },
    }),
  );
  app.setGlobalPrefix(`api/v1/${definition.name}`, {
    exclude: ['health/live', 'health/ready', 'metrics', 'openapi.json'],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(
    new ProblemDetailsFilter({
      'outside-unit': { status: 403, title: 'Outside your administrative unit' },
      'database-unavailable': { status: 503, title: 'Service unavailable' },
      'idempotency-key-reused': { status: 422, title: 'Idempotency key reused' },
      ...definition.problems,
    }),
  );
  app.enableShutdownHooks();
  answerClientErrorsAsProblems(app.getHttpServer());
  definition.connect?.(app);
  // Registers the handlers (a topic with two fails here); consuming starts once Kafka answers.
  await app.startAllMicroservices();
  const document = buildOpenApiDocument(app, definition.name, definition.title);
  app
    .getHttpAdapter()
    .get('/openapi.json', (_req: unknown, res: { json: (d: unknown) => void }) => res.json(document));
  return app;
}

/** Starts a service: config checked first, then HTTP; the database and Kafka connect in the background. */
export async function startService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
): Promise<INestApplication> {
  const config = configOrExit(definition.configType);
  const app = await createServiceApp(definition, config);
  await app.listen(config.PORT, '0.0.0.0');
  new NestLogger('bootstrap').log(`${definition.name} listening on :${config.PORT}`);
  void app.get(Database).whenReady();
  return app;
}

/** Applies pending migrations and exits: `node main.js migrate` (also run on every start). */
export async function migrateService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
): Promise<void> {
  const config = configOrExit(definition.configType);
  const database = new Database({
    ...definition.database,
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
  });
  try {
    await database.initialize();
    const applied = await database.dataSource.runMigrations();
    process.stdout.write(
      `${definition.name}: ${applied.length} migration(s) applied${applied.map((m) => `\n  ${m.name}`).join('')}\n`,
    );
  } finally {
    await database.close();
  }
}

/** The entry point of every service's main.ts: `node main.js` serves, `node main.js migrate` migrates. */
export async function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>): Promise<void> {
  if (process.argv[2] === 'migrate') {
    try {
      await migrateService(definition);
      process.exit(0);
    } catch (error) {
      process.stderr.write(`${definition.name}: migration failed: ${(error as Error).message}\n`);
      process.exit(1);
    }
  }
  await startService(definition);
}
