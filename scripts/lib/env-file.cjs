const fs = require('node:fs');
const path = require('node:path');

/** Reads KEY=value lines (comments and blanks skipped) of the repository's .env.example. */
function readEnvExample() {
  const file = path.resolve(__dirname, '..', '..', '.env.example');
  const entries = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return Object.fromEntries(entries);
}

module.exports = { readEnvExample };
