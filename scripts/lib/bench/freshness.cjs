// Freshness: webhook calls started at a steady rate (open loop), the province's numerator read every
// pollMs meanwhile, and for each accepted event the time from its 202 to the first read that shows it.
'use strict';

const { PORTS } = require('./platform.cjs');
const { WEBHOOK_PATH } = require('./events.cjs');
const { keepAliveAgent, warmUp, postRaw, provinceD } = require('./http.cjs');
const { openLoop } = require('./load.cjs');
const { startPolling, attributeVisibility, timelineOf } = require('./visibility.cjs');
const { cpuSnapshot, cpuDelta } = require('./proc.cjs');
const { round, log, thin, percentiles } = require('./util.cjs');

/** Calls starting later than this behind the schedule (p99) mean the rate was not held. */
const RATE_HELD_LAG_MS = 250;

async function runFreshness({ run, ctx, requests, rate, maxInFlight, pollMs = 100 }) {
  const { gateway, admin } = ctx;
  const n = requests.length;
  const before = await provinceD(gateway, admin);
  const agent = keepAliveAgent(maxInFlight);
  run.onCleanup(async () => agent.destroy());
  await warmUp(agent, PORTS.gateway, Math.min(maxInFlight, 64));
  log(
    `freshness: ${n} calls at ${rate} /s (at most ${maxInFlight} in flight), numerator read every ${pollMs} ms`,
  );

  let poller;
  const cpu0 = cpuSnapshot(ctx.pids());
  const load = await openLoop({
    n,
    rate,
    maxInFlight,
    label: 'freshness',
    isAborted: () => run.aborted,
    // A platform that cannot take the rate would otherwise stretch the phase to n / its own rate.
    stopAfterMs: (2000 * n) / rate + 10_000,
    call: (i) => postRaw(agent, PORTS.gateway, WEBHOOK_PATH, requests[i].headers, requests[i].body),
    onStart: (t0) => {
      poller = startPolling({
        read: async () => (await provinceD(gateway, admin)).numerator,
        intervalMs: pollMs,
        t0,
        isAborted: () => run.aborted,
      });
    },
  });
  const acceptedMs = [];
  const latencies = [];
  for (let i = 0; i < load.started; i++) {
    if (load.status[i] !== 202) continue;
    acceptedMs.push(load.answeredAt[i]);
    latencies.push(load.answeredAt[i] - load.startedAt[i]);
  }
  const accepted = acceptedMs.length;
  const lastAnswerMs = load.answeredAt.reduce((m, t) => Math.max(m, t), 0);
  const hit = await poller.until(before.numerator + accepted, {
    label: 'freshness',
    base: before.numerator,
    total: accepted,
    stallMs: 120_000,
  });
  await poller.stop();
  const { delays, unseen } = attributeVisibility(acceptedMs, poller.polls, before.numerator);
  const out = {
    targetRate: rate,
    events: n,
    started: load.started,
    statuses: load.statuses,
    accepted,
    maxInFlight,
    pollIntervalMs: pollMs,
    sendSeconds: round(load.sendSeconds, 2),
    startedPerSecond: load.sendSeconds > 0 ? round((load.started - 1) / load.sendSeconds, 1) : null,
    acceptedPerSecond: lastAnswerMs > 0 ? round(accepted / (lastAnswerMs / 1000), 1) : null,
    startLagMs: load.lagMs,
    rateHeld: load.started === n && load.lagMs.p99 <= RATE_HELD_LAG_MS,
    acceptLatencyMs: percentiles(latencies),
    freshnessMs: percentiles(delays),
    unseen,
    allVisibleAfterLast202Seconds: hit ? round((hit.answeredMs - lastAnswerMs) / 1000, 2) : null,
    polls: poller.polls.length,
    readRoundTripMs: poller.readRoundTripMs(),
    cpu: cpuDelta(cpu0, cpuSnapshot(ctx.pids())),
    visibleTimeline: thin(timelineOf(poller.polls, before.numerator), 300),
  };
  log(
    `freshness: ${accepted} accepted at ${out.acceptedPerSecond} /s (target ${rate}); 202 -> visible ms ${JSON.stringify(out.freshnessMs)}`,
  );
  if (load.started < n)
    run.note(
      `freshness: ${n - load.started} of ${n} calls not sent: the schedule was more than twice too slow`,
    );
  if (accepted < load.started)
    run.note(
      `freshness: ${load.started - accepted} calls not answered 202: ${JSON.stringify(load.statuses)}`,
    );
  if (load.lagMs.p99 > RATE_HELD_LAG_MS)
    run.note(
      `freshness: the webhook did not keep up with ${rate} /s (calls started up to ${round(load.lagMs.p99 / 1000, 1)} s late at p99, ${maxInFlight} in flight at most); the figure is the freshness at the rate it took`,
    );
  if (unseen > 0) run.note(`freshness: ${unseen} accepted events never became visible before the wait ended`);
  return out;
}

module.exports = { runFreshness };
