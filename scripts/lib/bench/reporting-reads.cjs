// bench:reporting's reads of GET /api/v1/reporting/indicators through the gateway: the cold cost (the first
// read of each query after the projections changed) and warm reads at a steady rate (open loop), and the
// steady-rate runner the bare references use too.
'use strict';

const http = require('node:http');
const { PORTS } = require('./platform.cjs');
const { keepAliveAgent, warmUp } = require('./http.cjs');
const { openLoop } = require('./load.cjs');
const { cpuSnapshot, cpuDelta } = require('./proc.cjs');
const { HOST, now, round, log } = require('./util.cjs');

const INDICATORS_PATH = '/api/v1/reporting/indicators';

/** [{ label, path }] for every unit with every breakdown ('none' = without one), period fixed. */
function indicatorQueries(units, breakdowns, period) {
  return units.flatMap((unit) =>
    breakdowns.map((b) => ({
      label: `unit=${unit}${b === 'none' ? '' : ` breakdown=${b}`}`,
      path: `${INDICATORS_PATH}?unit=${unit}&period=${period}${b === 'none' ? '' : `&breakdown=${b}`}`,
    })),
  );
}

/** GET over a keep-alive agent; resolves with { status, bytes } (status 'timeout' / 'network-error'). */
function getRaw(agent, port, urlPath, token, timeoutMs = 60_000) {
  return new Promise((resolve) => {
    const headers = token ? { authorization: `Bearer ${token}` } : {};
    const req = http.get({ host: HOST, port, path: urlPath, headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => (bytes += chunk.length));
      res.once('end', () => resolve({ status: res.statusCode, bytes }));
      res.once('error', () => resolve({ status: 'network-error', bytes }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.once('error', (e) =>
      resolve({ status: e.message === 'timeout' ? 'timeout' : 'network-error', bytes: 0 }),
    );
  });
}

/** Nearest rank, as util's percentiles, with p90 and to 0.01 ms (the bare references are sub-ms). */
function latencyStats(samples) {
  if (samples.length === 0) return { p50: null, p90: null, p99: null, max: null };
  const sorted = Float64Array.from(samples).sort();
  const at = (p) => round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)], 2);
  return { p50: at(50), p90: at(90), p99: at(99), max: round(sorted[sorted.length - 1], 2) };
}

/**
 * `call(i)` started at `rate` per second for `seconds` (open loop, at most maxInFlight outstanding).
 * Latency is answer - actual start; lagMs says how far starts fell behind the schedule (rate not held).
 */
async function steadyRate({ run, rate, seconds, maxInFlight, call, label, pids }) {
  const n = Math.round(rate * seconds);
  const cpu0 = pids ? cpuSnapshot(pids) : null;
  const load = await openLoop({
    n,
    rate,
    maxInFlight,
    call,
    label,
    isAborted: () => run.aborted,
    stopAfterMs: 2 * seconds * 1000 + 10_000,
  });
  const cpu = pids ? cpuDelta(cpu0, cpuSnapshot(pids)) : null;
  const ok = [];
  let lastAnswer = 0;
  for (let i = 0; i < load.started; i++) {
    lastAnswer = Math.max(lastAnswer, load.answeredAt[i]);
    if (load.status[i] === 200) ok.push(load.answeredAt[i] - load.startedAt[i]);
  }
  const out = {
    rateAsked: rate,
    planned: n,
    started: load.started,
    ok: ok.length,
    errors: load.started - ok.length,
    statuses: load.statuses,
    okPerSecond: round(ok.length / (lastAnswer / 1000), 1),
    latencyMs: latencyStats(ok),
    startLagMs: load.lagMs,
    rateHeld: load.started === n && (load.lagMs.p99 ?? 0) <= 50,
    coresBusy: cpu?.coresBusy ?? null,
  };
  log(
    `  ${label}: ${out.ok} ok of ${out.started} at ${out.okPerSecond} /s; ms ${JSON.stringify(out.latencyMs)}${out.errors ? `; errors ${JSON.stringify(out.statuses)}` : ''}`,
  );
  return out;
}

/**
 * Reads each query once, one after the other, `rounds` times; before every round but the first (which
 * follows the load) `bump()` changes the projections, so each read computes its answer.
 */
async function coldReads({ run, ctx, queries, rounds, bump }) {
  const agent = keepAliveAgent(1);
  const samples = Object.fromEntries(queries.map((q) => [q.label, []]));
  const bumps = [];
  try {
    for (let round_ = 0; round_ < rounds && !run.aborted; round_++) {
      if (round_ > 0) bumps.push(await bump(round_));
      for (const q of queries) {
        const t = now();
        const { status, bytes } = await getRaw(agent, PORTS.gateway, q.path, ctx.admin, 300_000);
        const ms = round(now() - t, 1);
        samples[q.label].push({ ms, status, bytes });
        log(`  cold ${q.label}: ${ms} ms (HTTP ${status}, ${bytes} B)`);
        if (status !== 200) run.note(`cold read ${q.label}: HTTP ${status}`);
      }
    }
  } finally {
    agent.destroy();
  }
  return {
    rounds,
    bumpAppliedSeconds: bumps,
    queries: queries.map((q) => {
      const ok = samples[q.label].filter((s) => s.status === 200).map((s) => s.ms);
      return {
        label: q.label,
        samplesMs: samples[q.label].map((s) => s.ms),
        bytes: samples[q.label][0]?.bytes ?? null,
        ...latencyStats(ok),
        min: ok.length ? Math.min(...ok) : null,
      };
    }),
  };
}

/**
 * One query at a steady rate, after a priming read (which fills the cache) and `warmupSeconds` at the same
 * rate that are not counted (JIT and pools after the cold reads); no writes meanwhile.
 */
async function warmReads({ run, ctx, query, rate, seconds, warmupSeconds, maxInFlight }) {
  const agent = keepAliveAgent(maxInFlight);
  try {
    await warmUp(agent, PORTS.gateway, Math.min(maxInFlight, 32));
    const prime = await getRaw(agent, PORTS.gateway, query.path, ctx.admin, 300_000);
    if (prime.status !== 200) throw new Error(`${query.label}: HTTP ${prime.status}`);
    const call = async () => (await getRaw(agent, PORTS.gateway, query.path, ctx.admin)).status;
    const common = { run, rate, maxInFlight, call };
    const warmup = await steadyRate({ ...common, seconds: warmupSeconds, label: `warm-up ${query.label}` });
    const out = await steadyRate({ ...common, seconds, label: `warm ${query.label}`, pids: ctx.pids() });
    return { label: query.label, path: query.path, bytes: prime.bytes, warmupErrors: warmup.errors, ...out };
  } finally {
    agent.destroy();
  }
}

module.exports = { indicatorQueries, getRaw, latencyStats, steadyRate, coldReads, warmReads };
