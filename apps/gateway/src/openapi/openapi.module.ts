import { Module } from '@nestjs/common';
import { MergedOpenApiService } from './merged-openapi.service';
import { OpenApiController } from './openapi.controller';

@Module({
  controllers: [OpenApiController],
  providers: [MergedOpenApiService],
})
export class OpenApiModule {}
