// Command-line options with node:util parseArgs: `--n 2000` and `--n=2000` both work; unknown flags fail.
'use strict';

const { parseArgs } = require('node:util');

/**
 * spec: { name: { type: 'int' | 'number' | 'string' | 'boolean' | 'list', default, help, choices } }.
 * Numbers must be positive; a 'list' is comma-separated and checked against its choices.
 * Returns the values under camelCase names (`--timeout-min` -> timeoutMin); exits with 2 on a bad option.
 */
function parseOptions(spec, { usage, argv = process.argv.slice(2) }) {
  const options = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(spec)) {
    options[name] = { type: o.type === 'boolean' ? 'boolean' : 'string' };
  }
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (error) {
    fail(error.message);
  }
  if (values.help) {
    console.log(helpText(spec, usage));
    process.exit(0);
  }
  const out = {};
  for (const [name, o] of Object.entries(spec)) {
    const raw = values[name];
    const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (raw === undefined) {
      out[key] = o.type === 'boolean' ? (o.default ?? false) : (o.default ?? null);
    } else if (o.type === 'int' || o.type === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0) fail(`--${name} must be a positive number`);
      out[key] = o.type === 'int' ? Math.floor(n) : n;
    } else if (o.type === 'list') {
      const items = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = items.filter((s) => o.choices && !o.choices.includes(s));
      if (unknown.length > 0)
        fail(`--${name}: unknown ${unknown.join(', ')} (choose from ${o.choices.join(', ')})`);
      out[key] = items;
    } else {
      out[key] = raw;
    }
  }
  return out;
}

function fail(message) {
  console.error(`${message} (see --help)`);
  process.exit(2);
}

function helpText(spec, usage) {
  const lines = Object.entries(spec).map(([name, o]) => {
    const arg = o.type === 'boolean' ? '' : o.type === 'list' ? ' A,B' : o.type === 'string' ? ' X' : ' N';
    const def =
      o.default === undefined || o.default === null || o.type === 'boolean'
        ? ''
        : ` (default ${Array.isArray(o.default) ? o.default.join(',') : o.default})`;
    return `  --${(name + arg).padEnd(24)} ${o.help}${def}`;
  });
  return [`usage: ${usage}`, ...lines].join('\n');
}

module.exports = { parseOptions };
