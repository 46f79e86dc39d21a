import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A PostgreSQL cluster and a KRaft broker of the fault suite's own, on their own ports and directories,
// so that the suite can restart them without touching the shared ones other people use.
const ROOT = join(__dirname, '..', '..', '..');
const PG_BIN = '/usr/lib/postgresql/15/bin';
let cachedKafkaLibs: string | undefined;

/** The jars scripts/infra/infra.sh runs its broker from; it fetches them when this checkout has none. */
function kafkaLibs(): string {
  cachedKafkaLibs ??= execFileSync('bash', [join(ROOT, 'scripts', 'infra', 'infra.sh'), 'jars'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop();
  if (!cachedKafkaLibs || !existsSync(join(cachedKafkaLibs, '.complete')))
    throw new Error(`infra.sh jars named no complete jar directory (${cachedKafkaLibs})`);
  return cachedKafkaLibs;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(what: string, probe: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

/** As the postgres user when run as root: initdb and the server refuse to run as root. */
function asPostgres(command: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  return execFileSync(
    asRoot ? 'runuser' : command,
    asRoot ? ['-u', 'postgres', '--', command, ...args] : args,
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** A throwaway PostgreSQL 15 cluster (initdb into a temp dir) on `port`. */
export class OwnPostgres {
  readonly dir: string;
  private readonly data: string;

  constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'bdhvs-faults-pg-'));
    this.data = join(this.dir, 'data');
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', this.dir]);
  }

  /** Server URL without a database: `${url}/<database>`. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!existsSync(join(this.data, 'PG_VERSION')))
      asPostgres(join(PG_BIN, 'initdb'), [
        '-D',
        this.data,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-sync',
      ]);
    asPostgres(join(PG_BIN, 'pg_ctl'), [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c max_connections=300 -c fsync=off`,
      'start',
    ]);
    await waitFor(`PostgreSQL on ${this.port}`, () => portOpen(this.port), 60_000);
  }

  /** `immediate` is a crash: no checkpoint, connections cut, recovery from the WAL at the next start. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    if (!existsSync(join(this.data, 'postmaster.pid'))) return;
    asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async restart(mode: 'fast' | 'immediate' = 'immediate'): Promise<void> {
    this.stop(mode);
    await this.start();
  }

  destroy(): void {
    try {
      this.stop('immediate');
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** A throwaway single-node KRaft broker (the jars scripts/infra/infra.sh cached) on its own ports. */
export class OwnKafka {
  readonly dir: string;
  private child?: ChildProcess;
  private readonly config: string;
  private readonly log: string;

  constructor(
    readonly port: number,
    readonly controllerPort: number,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'bdhvs-faults-kafka-'));
    this.config = join(this.dir, 'server.properties');
    this.log = join(this.dir, 'broker.log');
    const data = join(this.dir, 'data');
    mkdirSync(data);
    writeFileSync(
      this.config,
      readFileSync(join(ROOT, 'scripts', 'infra', 'kafka', 'server.properties.template'), 'utf8')
        .replace(/@HOST@/g, '127.0.0.1')
        .replace(/@BROKER_PORT@/g, String(port))
        .replace(/@CONTROLLER_PORT@/g, String(controllerPort))
        .replace(/@DATA_DIR@/g, data),
    );
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private java(args: string[]): string[] {
    return [
      '-Xmx512m',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${join(ROOT, 'scripts', 'infra', 'kafka', 'log4j2.xml')}`,
      '-cp',
      `${kafkaLibs()}/*`,
      ...args,
    ];
  }

  async start(): Promise<void> {
    if (!existsSync(join(this.dir, 'data', 'meta.properties'))) {
      const clusterId = execFileSync('java', this.java(['kafka.tools.StorageTool', 'random-uuid']), {
        encoding: 'utf8',
      })
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /^[A-Za-z0-9_-]{22}$/.test(l))
        .pop();
      if (!clusterId) throw new Error('kafka.tools.StorageTool random-uuid printed no cluster id');
      execFileSync(
        'java',
        this.java(['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', this.config]),
        {
          stdio: 'ignore',
        },
      );
    }
    const out = openSync(this.log, 'a');
    const child = spawn('java', this.java(['kafka.Kafka', this.config]), { stdio: ['ignore', out, out] });
    this.child = child;
    await waitFor(
      `the broker on ${this.port}`,
      async () => {
        if (child.exitCode !== null)
          throw new Error(`the broker exited with ${child.exitCode} (log ${this.log})`);
        return readFileSync(this.log, 'utf8').includes('Kafka Server started') && (await portOpen(this.port));
      },
      90_000,
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timeout);
    // The next start looks for a fresh "Kafka Server started" line.
    writeFileSync(this.log, '');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async destroy(): Promise<void> {
    try {
      await this.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
