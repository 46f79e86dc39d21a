#!/usr/bin/env node
// Writes openapi/openapi.json: the merged document of the running services, made by the gateway's
// own merge (apps/gateway/src/openapi/merge-openapi.ts), with keys sorted so diffs stay readable.
//
//   node scripts/generate-openapi.cjs                   regenerate the file
//   node scripts/generate-openapi.cjs --check           exit 1 with a summary when the file differs
//   node scripts/generate-openapi.cjs --allow-partial   accept services that are down (named in
//                                                       x-unavailable-services); refused otherwise
//
// Service base URLs come from the gateway's variables (LEARNERS_URL, ..., REPORTING_URL), with the
// gateway's defaults: both from the platform manifest.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { parseArgs } = require('node:util');
const ts = require('typescript');
const { PLATFORM_SERVICES } = require('./lib/platform-manifest.cjs');

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'openapi', 'openapi.json');
const MERGE_SOURCE = path.join(ROOT, 'apps', 'gateway', 'src', 'openapi', 'merge-openapi.ts');
const SERVICES = Object.fromEntries(
  PLATFORM_SERVICES.map(({ name, port, urlVariable }) => [
    name,
    process.env[urlVariable] || `http://127.0.0.1:${port}`,
  ]),
);

function fail(message, code = 2) {
  process.stderr.write(`generate-openapi: ${message}\n`);
  process.exit(code);
}

/** The merge module has no imports, so transpiling that one file is all it takes to run it. */
function loadMerge() {
  const source = fs.readFileSync(MERGE_SOURCE, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: MERGE_SOURCE,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021 },
  });
  const loaded = new Module(MERGE_SOURCE, module);
  loaded.filename = MERGE_SOURCE;
  loaded._compile(outputText, MERGE_SOURCE);
  return loaded.exports;
}

async function fetchDocument(name, baseUrl) {
  const url = `${baseUrl.replace(/\/+$/, '')}/openapi.json`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.json();
  } catch (error) {
    process.stderr.write(
      `generate-openapi: ${name}: ${url} unavailable (${error.cause?.code ?? error.message})\n`,
    );
    return null;
  }
}

/** `METHOD path` for each operation, and `schemas/Name` for each component, with their JSON. */
function entries(doc, canonicalJson) {
  const out = new Map();
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      out.set(`${method.toUpperCase()} ${p}`, canonicalJson(operation));
    }
  }
  for (const [kind, components] of Object.entries(doc.components ?? {})) {
    for (const [name, value] of Object.entries(components ?? {}))
      out.set(`${kind}/${name}`, canonicalJson(value));
  }
  for (const [key, value] of Object.entries(doc)) {
    if (key !== 'paths' && key !== 'components') out.set(key, canonicalJson(value));
  }
  return out;
}

function summarizeDrift(committedText, generated, canonicalJson) {
  let committed;
  try {
    committed = JSON.parse(committedText);
  } catch {
    return ['  (the committed file is missing or not JSON)'];
  }
  const before = entries(committed, canonicalJson);
  const after = entries(generated, canonicalJson);
  const lines = [];
  for (const [key, value] of after) {
    if (!before.has(key)) lines.push(`  + ${key}`);
    else if (before.get(key) !== value) lines.push(`  ~ ${key}`);
  }
  for (const key of before.keys()) if (!after.has(key)) lines.push(`  - ${key}`);
  return lines.length > 0 ? lines : ['  (formatting only)'];
}

async function main() {
  let options;
  try {
    ({ values: options } = parseArgs({
      options: { check: { type: 'boolean' }, 'allow-partial': { type: 'boolean' } },
    }));
  } catch (error) {
    fail(error.message);
  }
  const { mergeOpenApiDocuments, canonicalJson } = loadMerge();
  const names = Object.keys(SERVICES);
  const documents = await Promise.all(names.map((name) => fetchDocument(name, SERVICES[name])));
  const merged = mergeOpenApiDocuments(Object.fromEntries(names.map((name, i) => [name, documents[i]])));
  const unavailable = merged['x-unavailable-services'] ?? [];
  if (unavailable.length > 0 && !options['allow-partial']) {
    fail(`${unavailable.join(', ')} unavailable: start every service first (or pass --allow-partial)`);
  }
  const text = `${canonicalJson(merged, 2)}\n`;
  const relative = path.relative(ROOT, OUTPUT);

  if (options.check) {
    const committed = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
    if (committed === text) {
      process.stdout.write(`${relative} is up to date\n`);
      return;
    }
    const lines = summarizeDrift(committed, merged, canonicalJson);
    process.stdout.write(
      `${relative} differs from what the services serve (+ added, - removed, ~ changed):\n${lines.join('\n')}\n` +
        `Run node scripts/generate-openapi.cjs and commit the result.\n`,
    );
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, text);
  const operations = Object.values(merged.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  process.stdout.write(
    `wrote ${relative}: ${operations} operations from ${names.length - unavailable.length} services\n`,
  );
}

main().catch((error) => fail(error.stack ?? String(error)));
