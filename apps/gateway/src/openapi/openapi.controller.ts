import { Controller, Get, Header } from '@nestjs/common';
import { MergedOpenApiService } from './merged-openapi.service';

@Controller('api')
export class OpenApiController {
  constructor(private readonly openApi: MergedOpenApiService) {}

  @Get('openapi.json')
  @Header('Cache-Control', 'no-cache')
  document() {
    return this.openApi.document();
  }
}
