import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { GatewayConfig } from './config/gateway-config';
import { HealthModule } from './health/health.module';
import { OpenApiModule } from './openapi/openapi.module';

/** The gateway's own routes; proxying happens in front of Nest (see main.ts). */
export function gatewayModule(config: GatewayConfig, logger: Logger) {
  @Global()
  @Module({
    providers: [{ provide: GatewayConfig, useValue: config }],
    exports: [GatewayConfig],
  })
  class GatewayConfigModule {}

  @Module({
    imports: [
      GatewayConfigModule,
      // The request logger is mounted ahead of the proxy in main.ts; Nest logs through the same one.
      LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
      HealthModule,
      OpenApiModule,
    ],
  })
  class GatewayModule {}
  return GatewayModule;
}
