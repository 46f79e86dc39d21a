#!/usr/bin/env node
// `npm run check:deploy`: the deployment files checked by the tools that would run them (issue 15).
//
// - docker-compose.yml: `docker compose config -q` (Compose v2), or `docker-compose config -q` (Debian's
//   docker-compose 1.29) when v2 is not there, with the development values of .env.example.
// - k8s/base: rendered by `kubectl kustomize`; every object validated against its schema: Kubernetes
//   kinds with kubernetes-models (the API's OpenAPI schemas), Strimzi kinds against the served version's
//   openAPIV3Schema of the CRDs in ../shared/vendor/strimzi-crds (STRIMZI_CRDS to point elsewhere), with
//   fields the schema does not know reported as errors (the API server would prune or reject them).
//
// .ci/run installs the tools from Debian's packages when they are missing.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const Ajv = require('ajv');

const ROOT = path.resolve(__dirname, '..');
const K8S_BASE = process.env.K8S_BASE ?? path.join(ROOT, 'k8s', 'base');
const CRDS = process.env.STRIMZI_CRDS ?? path.resolve(ROOT, '..', 'shared', 'vendor', 'strimzi-crds');

const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

function works(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function envExample() {
  const env = {};
  for (const line of fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

function checkCompose() {
  const compose = works('docker', ['compose', 'version'])
    ? ['docker', ['compose']]
    : works('docker-compose', ['version'])
      ? ['docker-compose', []]
      : null;
  if (!compose)
    return fail('docker-compose.yml', 'neither `docker compose` nor `docker-compose` is installed');
  const [command, prefix] = compose;
  const result = spawnSync(command, [...prefix, '-f', 'docker-compose.yml', 'config', '-q'], {
    cwd: ROOT,
    env: { ...process.env, ...envExample() },
    encoding: 'utf8',
  });
  if (result.status !== 0) fail('docker-compose.yml', `${command} config: ${result.stderr.trim()}`);
  else console.log(`docker-compose.yml: valid (${[command, ...prefix].join(' ')} config)`);
}

/** The CRDs by `group/kind`: each served version's schema. */
function loadCrds() {
  const crds = new Map();
  for (const file of fs.readdirSync(CRDS).filter((f) => /Crd.*\.ya?ml$/.test(f))) {
    const crd = YAML.parse(fs.readFileSync(path.join(CRDS, file), 'utf8'));
    crds.set(`${crd.spec.group}/${crd.spec.names.kind}`, crd.spec.versions);
  }
  return crds;
}

/** Keys the structural schema does not declare (outside preserve-unknown-fields and maps). */
function unknownFields(value, schema, at, out) {
  if (!schema || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, schema.items, `${at}[${i}]`, out));
    return out;
  }
  if (schema['x-kubernetes-preserve-unknown-fields']) return out;
  for (const [key, child] of Object.entries(value)) {
    if (schema.properties?.[key]) unknownFields(child, schema.properties[key], `${at}.${key}`, out);
    else if (schema.additionalProperties)
      unknownFields(child, schema.additionalProperties, `${at}.${key}`, out);
    else out.push(`${at}.${key}`);
  }
  return out;
}

async function checkKubernetes() {
  const rendered = execFileSync('kubectl', ['kustomize', K8S_BASE], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const crds = loadCrds();
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validators = new Map();
  let checked = 0;
  for (const doc of YAML.parseAllDocuments(rendered)) {
    const object = doc.toJSON();
    if (!object) continue;
    const { apiVersion, kind } = object;
    const where = `${kind}/${object.metadata?.name}`;
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    checked++;
    if (group.endsWith('strimzi.io')) {
      const versions = crds.get(`${group}/${kind}`);
      if (!versions) {
        fail(where, `no Strimzi CRD for ${group} ${kind}`);
        continue;
      }
      const served = versions.find((v) => v.name === version && v.served);
      if (!served) {
        fail(
          where,
          `${apiVersion} is not served (served: ${versions.filter((v) => v.served).map((v) => v.name)})`,
        );
        continue;
      }
      const key = `${apiVersion}/${kind}`;
      if (!validators.has(key)) validators.set(key, ajv.compile(served.schema.openAPIV3Schema));
      const validate = validators.get(key);
      if (!validate(object))
        for (const e of validate.errors) fail(where, `${e.instancePath || '/'} ${e.message}`);
      // metadata is the API server's ObjectMeta, which the CRD leaves open.
      const { metadata: _metadata, ...rest } = object;
      for (const field of unknownFields(rest, served.schema.openAPIV3Schema, '', []))
        fail(where, `unknown field ${field}`);
      continue;
    }
    const models = await import(`kubernetes-models/${group ? `${group}/` : ''}${version}`).catch(() => null);
    const Model = models?.[kind];
    if (!Model) {
      fail(where, `unknown Kubernetes kind ${apiVersion} ${kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      fail(where, error.message);
    }
  }
  console.log(`k8s/base: ${checked} objects rendered by kubectl kustomize and validated`);
}

(async () => {
  checkCompose();
  await checkKubernetes();
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error(`check-deployment: ${problems.length} problem(s)`);
    process.exitCode = 1;
  } else console.log('check-deployment: no problem');
})().catch((error) => {
  console.error(`check-deployment: ${error.message}`);
  process.exitCode = 1;
});
