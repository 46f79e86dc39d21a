import type { OnModuleDestroy } from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Gauge } from 'prom-client';
import { ReadinessProbe } from './tokens';

const WINDOW_MS = 5_000;

const eventLoopDelayMax = new Gauge({
  name: 'event_loop_delay_max_seconds',
  help: 'Longest event-loop delay in the last completed 5 s window',
});

/**
 * Watches the event loop's delay in 5 s windows. A service whose loop was blocked for longer than
 * `maxDelayMs` in the last window reports not ready, so the load balancer sends its traffic elsewhere
 * until it keeps up again. (`nodejs_eventloop_lag_*` from the default metrics is sampled at scrape time;
 * this one keeps the worst of each window.)
 */
export class EventLoopProbe implements ReadinessProbe, OnModuleDestroy {
  readonly name = 'event-loop';
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private lastWindowMaxMs = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly maxDelayMs: number) {
    this.histogram.enable();
    this.timer = setInterval(() => this.closeWindow(), WINDOW_MS);
    this.timer.unref();
  }

  /** The longest delay seen so far in this window or the last one, in milliseconds. */
  get delayMs(): number {
    return Math.max(this.lastWindowMaxMs, this.histogram.max / 1e6);
  }

  async check(): Promise<void> {
    const delay = this.delayMs;
    if (delay > this.maxDelayMs)
      throw new Error(`event loop blocked for ${Math.round(delay)} ms (limit ${this.maxDelayMs} ms)`);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private closeWindow(): void {
    this.lastWindowMaxMs = this.histogram.max / 1e6;
    eventLoopDelayMax.set(this.lastWindowMaxMs / 1000);
    this.histogram.reset();
  }
}
