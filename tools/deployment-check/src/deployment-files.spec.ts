import { ALL_TOPICS, deadLetterTopic } from '@bdhvs/events';
import {
  APP_SECRETS,
  APPS,
  ComposeFile,
  ComposeService,
  composeDependencies,
  composeEnvironment,
  Container,
  DeploymentSpec,
  HpaSpec,
  healthcheckCommand,
  IngressSpec,
  ingressBackendFor,
  listWorkspaceDir,
  loadYaml,
  loadYamlDocuments,
  Manifest,
  PdbSpec,
  PLATFORM_SERVICES,
  PORTS,
  readWorkspaceFile,
  selects,
  ServiceSpec,
  SERVICES,
  workspaceFileExists,
} from './deployment-files';

// These files describe how the system runs; this machine has no Docker engine or cluster, so
// they are checked by parsing them (docs/deployment.md).

const K8S_BASE = 'k8s/base';
const KAFKA_CLUSTER = 'bdhvs-kafka';
const SECRET_NAME = 'bdhvs-secrets';
const CONFIG_MAP_NAME = 'bdhvs-config';

describe('docker-compose.yml', () => {
  const compose = loadYaml<ComposeFile>('docker-compose.yml');
  const services = compose.services ?? {};
  const service = (name: string): ComposeService => {
    const found = services[name];
    if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
    return found;
  };

  it('runs Kafka 4.1.1 from the official image in KRaft mode, with a healthcheck', () => {
    const kafka = service('kafka');
    expect(kafka.image).toBe('apache/kafka:4.1.1');
    const roles = composeEnvironment(kafka)['KAFKA_PROCESS_ROLES'] ?? '';
    expect(roles.split(',').sort()).toEqual(['broker', 'controller']);
    expect(healthcheckCommand(kafka.healthcheck)).not.toBe('');
  });

  it('runs postgres:15 with the init script that creates one database per service', () => {
    const postgres = service('postgres');
    expect(postgres.image).toBe('postgres:15');
    const mounts = (postgres.volumes ?? []).map((v) =>
      typeof v === 'string' ? v : `${v.source}:${v.target}`,
    );
    expect(mounts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\.\/deploy\/postgres\/init-databases\.sql:\/docker-entrypoint-initdb\.d\//),
      ]),
    );
    expect(healthcheckCommand(postgres.healthcheck)).not.toBe('');
    const sql = readWorkspaceFile('deploy/postgres/init-databases.sql');
    for (const name of SERVICES) {
      expect(sql).toMatch(new RegExp(`CREATE DATABASE\\s+"?bdhvs_${name}"?\\s*;`, 'i'));
    }
  });

  it('builds from the one Dockerfile exactly the apps of the platform manifest', () => {
    const built = Object.entries(services)
      .filter(([, svc]) => svc.build !== undefined)
      .map(([name]) => name);
    expect([...built].sort()).toEqual([...APPS].sort());
  });

  it.each(APPS)('builds %s from the one Dockerfile and checks it on /health/ready', (app) => {
    const svc = service(app);
    expect(typeof svc.build).toBe('object');
    const build = svc.build as Exclude<ComposeService['build'], string | undefined>;
    expect(build.context ?? '.').toBe('.');
    expect(build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect(build.args).toEqual(expect.objectContaining({ APP: app }));
    expect(healthcheckCommand(svc.healthcheck)).toContain('/health/ready');
    expect(composeEnvironment(svc)['PORT']).toBe(String(PORTS[app]));
  });

  it.each(SERVICES)(
    'gives %s its database, Kafka and secrets, and starts it once both are healthy',
    (app) => {
      const svc = service(app);
      const env = composeEnvironment(svc);
      expect(env['DATABASE_URL']).toMatch(new RegExp(`^postgres(ql)?://[^@]+@postgres:5432/bdhvs_${app}$`));
      expect(env['KAFKA_BROKERS']).toBe('kafka:9092');
      expect(env['KAFKA_TOPIC_PARTITIONS']).toBe('6');
      expect(env['NODE_ENV']).toBeDefined();
      expect(env['LOG_LEVEL']).toBeDefined();
      expect(env['JWT_JWKS_URL'] || env['JWT_PUBLIC_KEY_FILE']).toBeTruthy();
      for (const secret of APP_SECRETS[app]) {
        // Taken from the environment / .env; a default is allowed only as a marked development value.
        expect(env[secret]).toMatch(new RegExp(`^\\$\\{${secret}(:?-[^}]*)?\\}$`));
      }
      expect(composeDependencies(svc)).toEqual(
        expect.objectContaining({ postgres: 'service_healthy', kafka: 'service_healthy' }),
      );
    },
  );

  it(`publishes the gateway on ${PORTS.gateway} and points it at every service once they are healthy`, () => {
    const gateway = service('gateway');
    const ports = (gateway.ports ?? []).map((p) =>
      typeof p === 'string' ? p : `${p.published}:${p.target}`,
    );
    const port = PORTS.gateway;
    const published = ports.filter(
      (p) => p === `${port}:${port}` || p === `\${GATEWAY_PORT:-${port}}:${port}`,
    );
    expect(published).toHaveLength(1);
    const env = composeEnvironment(gateway);
    const deps = composeDependencies(gateway);
    for (const { name, urlVariable } of PLATFORM_SERVICES) {
      expect(env[urlVariable]).toBe(`http://${name}:${PORTS[name]}`);
      expect(deps[name]).toBe('service_healthy');
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = readWorkspaceFile('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages = instructions.filter((line) => /^FROM\s/i.test(line));
  // One line per instruction (continuations joined), comments left out.
  const text = instructions.join('\n');

  it('builds in node:20-bookworm-slim with npm ci and nx build $APP', () => {
    expect(instructions).toContain('ARG NODE_IMAGE=node:20-bookworm-slim');
    expect(stages).toEqual([
      expect.stringMatching(/^FROM \$\{NODE_IMAGE\} AS build$/),
      expect.stringMatching(/^FROM \$\{NODE_IMAGE\} AS runtime$/),
    ]);
    expect(instructions.filter((line) => line === 'ARG APP')).toHaveLength(2);
    expect(text).toMatch(/RUN [^\n]*npm ci\b/);
    expect(text).toMatch(/RUN npx nx build "?\$\{?APP\}?"?/);
  });

  it('runs the bundle with its production dependencies plus pg and tslib, as a non-root user', () => {
    expect(text).toMatch(/COPY --from=build \S*dist\/apps\/\$\{APP\}\/? \.\//);
    expect(text).toMatch(/dependencies\.pg=/);
    expect(text).toMatch(/dependencies\.tslib=/);
    expect(text).toMatch(/npm install --omit=dev/);
    const users = instructions.filter((line) => /^USER\s/i.test(line));
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^USER\s+(root|0)(:|$)/);
    expect(instructions[instructions.length - 1]).toMatch(/^CMD (\["node", "main\.js"\]|node main\.js)$/);
  });

  it('keeps node_modules, build output and secrets out of the build context', () => {
    const ignored = readWorkspaceFile('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'dist', '.env']));
  });
});

describe('k8s/base', () => {
  const kustomization = loadYaml<{ namespace?: string; resources?: string[] }>(
    `${K8S_BASE}/kustomization.yaml`,
  );
  const resources = kustomization.resources ?? [];
  const manifests: Manifest[] = resources
    .filter((file) => workspaceFileExists(`${K8S_BASE}/${file}`))
    .flatMap((file) => loadYamlDocuments<Manifest>(`${K8S_BASE}/${file}`));

  const find = (kind: string, name: string): Manifest | undefined =>
    manifests.find((m) => m.kind === kind && m.metadata?.name === name);
  const get = (kind: string, name: string): Manifest => {
    const found = find(kind, name);
    if (!found) throw new Error(`k8s/base has no ${kind} "${name}"`);
    return found;
  };

  describe('kustomization.yaml', () => {
    it('puts everything in the namespace bdhvs', () => {
      expect(kustomization.namespace).toBe('bdhvs');
    });

    it('lists only files that exist', () => {
      const missing = resources.filter((file) => !workspaceFileExists(`${K8S_BASE}/${file}`));
      expect(missing).toEqual([]);
    });

    it('lists every YAML file of k8s/base', () => {
      const yamlFiles = listWorkspaceDir(K8S_BASE).filter(
        (file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml',
      );
      expect(yamlFiles.filter((file) => !resources.includes(file))).toEqual([]);
    });

    it('holds no object twice and every object has a kind, apiVersion and name', () => {
      const ids = manifests.map((m) => `${m.kind}/${m.metadata?.name}`);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      for (const m of manifests) {
        expect([m.apiVersion, m.kind, m.metadata?.name].every(Boolean)).toBe(true);
      }
    });

    it('commits no Secret (values are created out of band)', () => {
      expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    });
  });

  it('deploys exactly the apps of the platform manifest', () => {
    const deployed = manifests.filter((m) => m.kind === 'Deployment').map((m) => m.metadata?.name);
    expect([...deployed].sort()).toEqual([...APPS].sort());
  });

  describe.each(APPS)('%s', (app) => {
    const deployment = (): DeploymentSpec => {
      const m = get('Deployment', app);
      expect(m.apiVersion).toBe('apps/v1');
      return m.spec as DeploymentSpec;
    };
    const podLabels = (): Record<string, string> | undefined => deployment().template?.metadata?.labels;
    const containers = (): Container[] => deployment().template?.spec?.containers ?? [];

    it('has a Deployment of 2 replicas whose selector matches its pods', () => {
      const spec = deployment();
      expect(spec.replicas).toBe(2);
      expect(selects(spec.selector?.matchLabels, podLabels())).toBe(true);
      expect(containers().length).toBeGreaterThan(0);
    });

    it('probes readiness on /health/ready and liveness on /health/live', () => {
      for (const container of containers()) {
        expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
        expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
        const ports = (container.ports ?? []).flatMap((p) => [p.name, p.containerPort]);
        expect(ports).toContain(container.readinessProbe?.httpGet?.port);
        expect(ports).toContain(container.livenessProbe?.httpGet?.port);
      }
    });

    it('requests and limits cpu and memory', () => {
      for (const container of containers()) {
        for (const bound of ['requests', 'limits'] as const) {
          expect(container.resources?.[bound]?.cpu).toBeDefined();
          expect(container.resources?.[bound]?.memory).toBeDefined();
        }
      }
    });

    it('runs as non-root', () => {
      const pod = deployment().template?.spec?.securityContext;
      for (const container of containers()) {
        expect(container.securityContext?.runAsNonRoot ?? pod?.runAsNonRoot).toBe(true);
        expect(container.securityContext?.runAsUser ?? pod?.runAsUser).not.toBe(0);
      }
    });

    it(`listens on ${PORTS[app]} and takes config from ${CONFIG_MAP_NAME} and secrets by reference`, () => {
      const [container] = containers();
      expect(container.ports?.map((p) => p.containerPort)).toContain(PORTS[app]);
      expect(container.envFrom?.map((e) => e.configMapRef?.name)).toContain(CONFIG_MAP_NAME);
      const env = new Map((container.env ?? []).map((e) => [e.name, e]));
      expect(env.get('PORT')?.value).toBe(String(PORTS[app]));
      const secrets = app === 'gateway' ? [] : ['DATABASE_URL', ...APP_SECRETS[app]];
      for (const name of secrets) {
        expect(env.get(name)?.value).toBeUndefined();
        expect(env.get(name)?.valueFrom?.secretKeyRef?.name).toBe(SECRET_NAME);
      }
    });

    it('has a Service on its port that selects its pods', () => {
      const m = get('Service', app);
      const spec = m.spec as ServiceSpec;
      expect(selects(spec.selector, podLabels())).toBe(true);
      const port = spec.ports?.find((p) => p.port === PORTS[app]);
      expect(port).toBeDefined();
      const containerPorts = containers().flatMap((c) =>
        (c.ports ?? []).flatMap((p) => [p.name, p.containerPort]),
      );
      expect(containerPorts).toContain(port?.targetPort ?? port?.port);
    });

    it('has a HorizontalPodAutoscaler (autoscaling/v2, cpu) for its Deployment', () => {
      const m = get('HorizontalPodAutoscaler', app);
      expect(m.apiVersion).toBe('autoscaling/v2');
      const spec = m.spec as HpaSpec;
      expect(spec.scaleTargetRef).toEqual(expect.objectContaining({ kind: 'Deployment', name: app }));
      expect(spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(spec.maxReplicas).toBeGreaterThanOrEqual(spec.minReplicas ?? 1);
      expect(spec.metrics?.some((x) => x.type === 'Resource' && x.resource?.name === 'cpu')).toBe(true);
    });

    it('has a PodDisruptionBudget (policy/v1, minAvailable 1) over its pods', () => {
      const m = get('PodDisruptionBudget', app);
      expect(m.apiVersion).toBe('policy/v1');
      const spec = m.spec as PdbSpec;
      expect(spec.minAvailable).toBe(1);
      expect(selects(spec.selector?.matchLabels, podLabels())).toBe(true);
    });
  });

  describe(`ConfigMap ${CONFIG_MAP_NAME}`, () => {
    it('points at the Strimzi bootstrap service, with 3 replicas per topic and a JWKS URL', () => {
      const data = get('ConfigMap', CONFIG_MAP_NAME).data ?? {};
      expect(data['KAFKA_BROKERS']).toBe(`${KAFKA_CLUSTER}-kafka-bootstrap:9092`);
      expect(data['KAFKA_REPLICATION_FACTOR']).toBe('3');
      expect(data['KAFKA_TOPIC_PARTITIONS']).toBe('6');
      expect(data['JWT_JWKS_URL']).toMatch(/^https:\/\//);
    });

    it('tells the gateway where each service is', () => {
      const data = get('ConfigMap', CONFIG_MAP_NAME).data ?? {};
      for (const { name, urlVariable } of PLATFORM_SERVICES) {
        expect(data[urlVariable]).toBe(`http://${name}:${PORTS[name]}`);
      }
    });
  });

  describe('Kafka (Strimzi)', () => {
    it(`runs ${KAFKA_CLUSTER}: Kafka 4.2 in KRaft mode on a node pool of 3 controller+broker nodes`, () => {
      const kafka = get('Kafka', KAFKA_CLUSTER);
      expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1');
      const spec = kafka.spec as {
        kafka?: { version?: string; listeners?: { port?: number; tls?: boolean }[] };
        zookeeper?: unknown;
      };
      expect(spec.kafka?.version).toMatch(/^4\.2\.\d+$/);
      expect(spec.zookeeper).toBeUndefined();
      expect(spec.kafka?.listeners?.some((l) => l.port === 9092 && l.tls === false)).toBe(true);

      const pools = manifests.filter(
        (m) => m.kind === 'KafkaNodePool' && m.metadata?.labels?.['strimzi.io/cluster'] === KAFKA_CLUSTER,
      );
      expect(pools).toHaveLength(1);
      expect(pools[0].apiVersion).toBe('kafka.strimzi.io/v1');
      const pool = pools[0].spec as { replicas?: number; roles?: string[] };
      expect(pool.replicas).toBe(3);
      expect([...(pool.roles ?? [])].sort()).toEqual(['broker', 'controller']);
    });

    const topics = ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopic(topic)]);

    it('knows the topics of the contracts library', () => {
      expect(ALL_TOPICS.length).toBeGreaterThan(0);
    });

    it.each(topics)('declares the KafkaTopic %s (6 partitions, 3 replicas)', (topic) => {
      const declared = manifests.filter(
        (m) =>
          m.kind === 'KafkaTopic' &&
          ((m.spec as { topicName?: string } | undefined)?.topicName ?? m.metadata?.name) === topic,
      );
      expect(declared).toHaveLength(1);
      expect(declared[0].apiVersion).toBe('kafka.strimzi.io/v1');
      expect(declared[0].metadata?.labels?.['strimzi.io/cluster']).toBe(KAFKA_CLUSTER);
      expect(declared[0].spec).toEqual(expect.objectContaining({ partitions: 6, replicas: 3 }));
    });
  });

  describe('Ingress', () => {
    const routes = [
      '/api/v1/learners',
      '/api/v1/learners/units',
      '/api/v1/courses',
      '/api/v1/courses/xapi/statements',
      '/api/v1/certification',
      '/api/v1/certification/certificates/BDHVS-2025-000001/verification',
      '/api/v1/campaigns',
      '/api/v1/reporting',
      '/api/v1/reporting/indicators',
      '/api/openapi.json',
      '/api/docs',
    ];

    it.each(routes)('routes %s to the gateway', (path) => {
      const ingresses = manifests.filter((m) => m.kind === 'Ingress');
      expect(ingresses).toHaveLength(1);
      expect(ingresses[0].apiVersion).toBe('networking.k8s.io/v1');
      const backend = ingressBackendFor(ingresses[0].spec as IngressSpec, path);
      expect(backend?.service?.name).toBe('gateway');
      const gatewayPorts = ((get('Service', 'gateway').spec as ServiceSpec).ports ?? []).flatMap((p) => [
        p.name,
        p.port,
      ]);
      expect(gatewayPorts).toContain(backend?.service?.port?.name ?? backend?.service?.port?.number);
    });
  });
});
