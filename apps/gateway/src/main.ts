import { Logger } from '@nestjs/common';
import { gatewayConfigOrExit } from './config/gateway-config';
import { createGatewayApp } from './gateway-app';
import { createRootLogger } from './logging/http-logger';

async function bootstrap() {
  const config = gatewayConfigOrExit();
  const app = await createGatewayApp(config, createRootLogger(config));
  await app.listen(config.PORT, '0.0.0.0');
  new Logger('bootstrap').log(`gateway listening on :${config.PORT}`);
}

void bootstrap();
