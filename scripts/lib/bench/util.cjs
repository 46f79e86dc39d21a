// Small helpers shared by the benchmarks: time, rounding, percentiles, logging, shell, TCP probes.
'use strict';

const net = require('node:net');
const { execFileSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const HOST = '127.0.0.1';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();
const round = (x, digits = 0) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits));
const log = (msg) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** Nearest-rank percentiles of a list of milliseconds. */
function percentiles(samples) {
  if (samples.length === 0) return { p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(samples).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return {
    p50: round(at(50), 1),
    p95: round(at(95), 1),
    p99: round(at(99), 1),
    max: round(sorted[sorted.length - 1], 1),
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]);
}

/** At most `max` points of a timeline, evenly spaced, the last one kept. */
function thin(points, max) {
  if (points.length <= max) return points;
  const step = points.length / max;
  const out = Array.from({ length: max }, (_, i) => points[Math.floor(i * step)]);
  out.push(points.at(-1));
  return out;
}

function tcpOpen(port, host = HOST) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** stdout of a command, or null when it fails. */
function sh(cmd, args, options = {}) {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      ...options,
    }).trim();
  } catch {
    return null;
  }
}

/** postgres://user@host:port without a database name. */
function pgServerUrl() {
  return (process.env.DATABASE_URL ?? `postgres://postgres@${HOST}:5432/postgres`).replace(/\/[^/]*$/, '');
}

module.exports = { HOST, sleep, now, round, log, percentiles, withTimeout, thin, tcpOpen, sh, pgServerUrl };
