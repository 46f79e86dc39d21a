import { Injectable, Logger } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway-config';
import { Upstream, upstreamsOf } from '../proxy/service-routes';
import { failureReason, getFromUpstream } from '../proxy/upstream-fetch';
import { OpenAPIObject, mergeOpenApiDocuments } from './merge-openapi';

/** Asks every service for its own document at request time and merges them; a few seconds of cache. */
@Injectable()
export class MergedOpenApiService {
  private readonly logger = new Logger(MergedOpenApiService.name);
  private readonly upstreams: Upstream[];
  private cached?: { at: number; document: Promise<OpenAPIObject> };

  constructor(private readonly config: GatewayConfig) {
    this.upstreams = upstreamsOf(config);
  }

  document(now = Date.now()): Promise<OpenAPIObject> {
    if (!this.cached || now - this.cached.at >= this.config.OPENAPI_CACHE_MS) {
      this.cached = { at: now, document: this.merge() };
    }
    return this.cached.document;
  }

  private async merge(): Promise<OpenAPIObject> {
    const documents = await Promise.all(
      this.upstreams.map(async (upstream) => [upstream.name, await this.fetch(upstream)]),
    );
    return mergeOpenApiDocuments(Object.fromEntries(documents));
  }

  /** `null` when the service cannot give its document: the merge names it instead of failing. */
  private async fetch(upstream: Upstream): Promise<OpenAPIObject | null> {
    try {
      const response = await getFromUpstream(
        `${upstream.url}/openapi.json`,
        this.config.UPSTREAM_CHECK_TIMEOUT_MS,
      );
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const document = (await response.json()) as OpenAPIObject;
      if (typeof document?.paths !== 'object' || document.paths === null)
        throw new Error('not an OpenAPI document');
      return document;
    } catch (error) {
      this.logger.warn(`${upstream.name} left out of the merged OpenAPI document: ${failureReason(error)}`);
      return null;
    }
  }
}
