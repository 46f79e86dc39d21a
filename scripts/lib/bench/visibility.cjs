// When events become visible in the province's indicator d: a poller of the numerator, a wait for a
// target value, and the attribution of each accepted event to the first poll that shows it.
'use strict';

const { now, round, sleep, log, percentiles } = require('./util.cjs');

/**
 * Reads the numerator every intervalMs (back to back when a read takes longer) until stop().
 * Each poll is { sentMs, answeredMs, value }, in ms since t0.
 */
function startPolling({ read, intervalMs, t0, isAborted }) {
  const polls = [];
  let stopped = false;
  let lastError = null;
  const loop = (async () => {
    while (!stopped && !isAborted()) {
      const sent = now();
      try {
        const value = await read();
        polls.push({ sentMs: sent - t0, answeredMs: now() - t0, value });
      } catch (error) {
        if (error.message !== lastError) log(`  poll: ${error.message}`);
        lastError = error.message;
      }
      await sleep(Math.max(0, intervalMs - (now() - sent)));
    }
  })();

  /** The first poll showing value >= target, or null once the value stalls for stallMs (or on abort). */
  async function until(target, { stallMs = 180_000, label = 'visible', total = null, base = 0 } = {}) {
    let lastValue = null;
    let lastChange = now();
    let lastLog = now();
    for (;;) {
      const p = polls.at(-1);
      if (p && p.value >= target) return p;
      if (p && p.value !== lastValue) {
        lastValue = p.value;
        lastChange = now();
      }
      if (stopped || isAborted() || now() - lastChange > stallMs) return null;
      if (now() - lastLog >= 5000) {
        lastLog = now();
        log(`  ${label}: ${p ? p.value - base : '?'}/${total ?? target - base} visible`);
      }
      await sleep(Math.min(50, intervalMs));
    }
  }

  async function stop() {
    stopped = true;
    await loop;
  }

  const readRoundTripMs = () => percentiles(polls.map((p) => p.answeredMs - p.sentMs));
  return { polls, until, stop, readRoundTripMs };
}

/**
 * Event k (k = 1.. in the order of their 202 answers, times in ms since the same t0 as the polls) is
 * visible at the first poll answered after its 202 whose value is >= base + k: every event is a new
 * citizen and adds exactly 1. The answer time of the poll is used, so the figure errs on the high side
 * by up to one read. Returns the delays in ms (events never seen are left out and counted).
 */
function attributeVisibility(acceptedMs, polls, base) {
  const sorted = Float64Array.from(acceptedMs).sort();
  const delays = [];
  let p = 0;
  for (let k = 0; k < sorted.length; k++) {
    while (p < polls.length && (polls[p].answeredMs < sorted[k] || polls[p].value < base + k + 1)) p++;
    if (p === polls.length) return { delays, unseen: sorted.length - k };
    delays.push(polls[p].answeredMs - sorted[k]);
  }
  return { delays, unseen: 0 };
}

/** A [seconds, visible] timeline of polls, for the JSON file. */
const timelineOf = (polls, base) => polls.map((p) => [round(p.answeredMs / 1000, 2), p.value - base]);

module.exports = { startPolling, attributeVisibility, timelineOf };
