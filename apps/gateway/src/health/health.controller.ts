import { Controller, Get } from '@nestjs/common';
import { UpstreamHealthService } from './upstream-health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly upstreams: UpstreamHealthService) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Always 200 while the gateway itself serves: a service that is down answers its own routes with
   * 502, and taking the whole entry point out of rotation would only add the other services' routes
   * and the docs to the outage. The services' states are in the body for whoever looks.
   */
  @Get('ready')
  async ready() {
    return { status: 'ok', upstreams: await this.upstreams.check() };
  }
}
