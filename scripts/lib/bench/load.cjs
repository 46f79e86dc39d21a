// The load generators: exactly n calls with c in flight (closed loop), or calls started on a fixed
// schedule (open loop). `call(i)` sends request i and resolves with its status.
'use strict';

const { now, round, sleep, log, percentiles } = require('./util.cjs');

/** Exactly n calls, `concurrency` in flight. Latencies are per call, in ms. */
async function closedLoop({ n, concurrency, call, isAborted, label = 'load', onStart }) {
  const latencies = new Float64Array(n);
  const statuses = {};
  let next = 0;
  let done = 0;
  const t0 = now();
  onStart?.(t0);
  const progress = setInterval(() => {
    log(`  ${label}: ${done}/${n} answered, ${round(done / ((now() - t0) / 1000))} /s`);
  }, 5000);
  async function worker() {
    while (!isAborted()) {
      const i = next++;
      if (i >= n) return;
      const start = now();
      const status = await call(i);
      latencies[i] = now() - start;
      statuses[status] = (statuses[status] ?? 0) + 1;
      done++;
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  } finally {
    clearInterval(progress);
  }
  return { t0, seconds: (now() - t0) / 1000, done, statuses, latencies: latencies.subarray(0, done) };
}

/**
 * Call i is due at t0 + i / rate s. It starts then, or as soon as fewer than maxInFlight calls are
 * outstanding; `lagMs` says how far behind the schedule the calls started. No call starts after
 * stopAfterMs. `answeredAt` and `startedAt` are ms since t0 (the performance.now() value returned as t0).
 */
async function openLoop({
  n,
  rate,
  maxInFlight,
  call,
  isAborted,
  stopAfterMs = Infinity,
  label = 'load',
  onStart,
}) {
  const startedAt = new Float64Array(n);
  const answeredAt = new Float64Array(n);
  const status = new Array(n);
  let inFlight = 0;
  let started = 0;
  let answered = 0;
  let slotFree = null;
  const t0 = now();
  onStart?.(t0);
  const progress = setInterval(() => {
    log(`  ${label}: ${started} started, ${answered} answered, ${inFlight} in flight`);
  }, 5000);
  const pending = [];
  try {
    for (let i = 0; i < n && !isAborted(); i++) {
      const wait = t0 + (i * 1000) / rate - now();
      if (wait > 0) await sleep(wait);
      while (inFlight >= maxInFlight && !isAborted()) await new Promise((resolve) => (slotFree = resolve));
      if (isAborted() || now() - t0 > stopAfterMs) break;
      inFlight++;
      started++;
      startedAt[i] = now() - t0;
      pending.push(
        call(i).then((s) => {
          answeredAt[i] = now() - t0;
          status[i] = s;
          inFlight--;
          answered++;
          slotFree?.();
          slotFree = null;
        }),
      );
    }
    await Promise.all(pending);
  } finally {
    clearInterval(progress);
  }
  const lag = Array.from(startedAt.subarray(0, started), (t, i) => t - (i * 1000) / rate);
  const statuses = {};
  for (let i = 0; i < started; i++) statuses[status[i]] = (statuses[status[i]] ?? 0) + 1;
  return {
    t0,
    started,
    statuses,
    startedAt: startedAt.subarray(0, started),
    answeredAt: answeredAt.subarray(0, started),
    status: status.slice(0, started),
    lagMs: percentiles(lag),
    sendSeconds: started > 0 ? startedAt[started - 1] / 1000 : 0,
  };
}

module.exports = { closedLoop, openLoop };
