import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway-config';
import { Upstream, upstreamsOf } from '../proxy/service-routes';
import { failureReason, getFromUpstream } from '../proxy/upstream-fetch';

export type UpstreamHealth = { status: 'up' } | { status: 'down'; reason: string };

/** Asks each service's /health/ready, all at once, each within the check timeout. */
@Injectable()
export class UpstreamHealthService {
  private readonly upstreams: Upstream[];

  constructor(private readonly config: GatewayConfig) {
    this.upstreams = upstreamsOf(config);
  }

  async check(): Promise<Record<string, UpstreamHealth>> {
    const results = await Promise.all(
      this.upstreams.map(async (upstream) => [upstream.name, await this.checkOne(upstream)] as const),
    );
    return Object.fromEntries(results);
  }

  private async checkOne(upstream: Upstream): Promise<UpstreamHealth> {
    try {
      const response = await getFromUpstream(
        `${upstream.url}/health/ready`,
        this.config.UPSTREAM_CHECK_TIMEOUT_MS,
      );
      await response.body?.cancel();
      return response.ok ? { status: 'up' } : { status: 'down', reason: `HTTP ${response.status}` };
    } catch (error) {
      return { status: 'down', reason: failureReason(error) };
    }
  }
}
