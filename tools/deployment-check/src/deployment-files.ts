import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  APP_NAMES,
  AppName,
  PORTS,
  SERVICE_NAMES,
  SERVICES as PLATFORM_SERVICES,
  ServiceName,
} from '@bdhvs/platform';
import { parseAllDocuments, parseDocument } from 'yaml';

/** The workspace root, whatever the current directory (this file is tools/deployment-check/src/). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

// The deployment files keep literal names and ports; these checks hold them to the platform manifest.
export const SERVICES = SERVICE_NAMES;
export const APPS = APP_NAMES;
export type Service = ServiceName;
export type App = AppName;
export { PLATFORM_SERVICES, PORTS };

/** Secrets each app needs besides its DATABASE_URL (the gateway has none). */
export const APP_SECRETS: Record<App, readonly string[]> = {
  learners: ['PII_HASH_KEY', 'PII_ENCRYPTION_KEY', 'VNEID_HANDOVER_KEYS'],
  courses: [],
  certification: ['VNEID_HMAC_SECRET', 'PII_HASH_KEY', 'VNEID_HANDOVER_KEYS'],
  campaigns: [],
  reporting: [],
  gateway: [],
};

export function workspacePath(relativePath: string): string {
  return join(WORKSPACE_ROOT, relativePath);
}

export function workspaceFileExists(relativePath: string): boolean {
  return existsSync(workspacePath(relativePath));
}

export function readWorkspaceFile(relativePath: string): string {
  return readFileSync(workspacePath(relativePath), 'utf8');
}

export function listWorkspaceDir(relativePath: string): string[] {
  return readdirSync(workspacePath(relativePath));
}

/** One YAML document, merge keys (`<<: *anchor`) resolved as docker compose does. */
export function loadYaml<T>(relativePath: string): T {
  const doc = parseDocument(readWorkspaceFile(relativePath), { merge: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new Error(`${relativePath}: ${doc.errors.map((e) => e.message).join('; ')}`);
  }
  return doc.toJS() as T;
}

/** Every non-empty document of a multi-document YAML file (Kubernetes manifests). */
export function loadYamlDocuments<T>(relativePath: string): T[] {
  const docs = parseAllDocuments(readWorkspaceFile(relativePath), { prettyErrors: true });
  const errors = docs.flatMap((d) => d.errors.map((e) => e.message));
  if (errors.length > 0) throw new Error(`${relativePath}: ${errors.join('; ')}`);
  return docs.map((d) => d.toJS() as T).filter((value) => value !== null && value !== undefined);
}

// ---------------------------------------------------------------------------------------------
// The parts of docker compose and Kubernetes objects the checks read. Everything is optional:
// the tests assert presence instead of trusting the shape.
// ---------------------------------------------------------------------------------------------

export interface ComposeHealthcheck {
  test?: string | string[];
}

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: ComposeHealthcheck;
  ports?: (string | { target?: number; published?: number | string })[];
  volumes?: (string | { source?: string; target?: string })[];
}

export interface ComposeFile {
  services?: Record<string, ComposeService>;
}

export type Labels = Record<string, string>;

export interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Labels; annotations?: Labels };
  spec?: unknown;
  data?: Record<string, string>;
}

export interface Probe {
  httpGet?: { path?: string; port?: number | string };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name?: string; key?: string }; configMapKeyRef?: { name?: string } };
}

export interface Container {
  name?: string;
  image?: string;
  ports?: { name?: string; containerPort?: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name?: string }; secretRef?: { name?: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: {
    requests?: { cpu?: string | number; memory?: string };
    limits?: { cpu?: string | number; memory?: string };
  };
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: { matchLabels?: Labels };
  template?: {
    metadata?: { labels?: Labels };
    spec?: { securityContext?: { runAsNonRoot?: boolean; runAsUser?: number }; containers?: Container[] };
  };
}

export interface ServiceSpec {
  selector?: Labels;
  ports?: { name?: string; port?: number; targetPort?: number | string }[];
}

export interface HpaSpec {
  scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
  minReplicas?: number;
  maxReplicas?: number;
  metrics?: { type?: string; resource?: { name?: string; target?: { type?: string } } }[];
}

export interface PdbSpec {
  minAvailable?: number | string;
  selector?: { matchLabels?: Labels };
}

export interface IngressBackend {
  service?: { name?: string; port?: { name?: string; number?: number } };
}

export interface IngressSpec {
  rules?: {
    host?: string;
    http?: { paths?: { path?: string; pathType?: string; backend?: IngressBackend }[] };
  }[];
}

/** True when every label of `selector` is on `labels` (a non-empty selector). */
export function selects(selector: Labels | undefined, labels: Labels | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels?.[key] === value);
}

/**
 * The Ingress backend that serves `requestPath`, as Kubernetes matches paths: an Exact path must be
 * equal; a Prefix path matches element by element (`/api` matches `/api/docs`, not `/apis`);
 * the longest match wins.
 */
export function ingressBackendFor(spec: IngressSpec, requestPath: string): IngressBackend | undefined {
  const candidates = (spec.rules ?? []).flatMap((rule) => rule.http?.paths ?? []);
  const matches = candidates.filter(({ path = '/', pathType }) => {
    if (pathType === 'Exact') return requestPath === path;
    const prefix = path.endsWith('/') ? path.slice(0, -1) : path;
    return requestPath === prefix || requestPath.startsWith(`${prefix}/`) || prefix === '';
  });
  matches.sort((a, b) => (b.path ?? '').length - (a.path ?? '').length);
  return matches[0]?.backend;
}

/** Compose `environment` as a map, whichever of its two forms the file uses. */
export function composeEnvironment(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

/** Compose `depends_on` as service -> condition (`service_started` when the short form is used). */
export function composeDependencies(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, dep]) => [name, dep?.condition ?? 'service_started']),
  );
}

export function healthcheckCommand(healthcheck: ComposeHealthcheck | undefined): string {
  const test = healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}
