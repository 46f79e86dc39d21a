import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@bdhvs/service-runtime';
import { XAPI_VERSION } from './domain/statement';
import { XapiUnauthorizedError } from './domain/xapi.errors';
import { LrsResource, LrsService } from './lrs.service';
import { XapiResponse, readXapiRequest } from './xapi-http';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'HEAD, GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, Accept-Language',
  'Access-Control-Expose-Headers':
    'ETag, Last-Modified, X-Experience-API-Version, X-Experience-API-Consistent-Through, Content-Type',
};

/**
 * The xAPI 1.0.3 LRS (documented by the xAPI specification, not in the OpenAPI document): the routes
 * authenticate themselves (HTTP Basic with issued credentials, or a mooc-platform bearer token) because
 * the alternate request syntax can carry the Authorization header in its form body.
 */
@ApiExcludeController()
@Public()
@Controller('xapi')
export class XapiController {
  constructor(private readonly lrs: LrsService) {}

  @All('statements')
  statements(@Req() req: Request, @Res() res: Response) {
    return this.serve('statements', req, res);
  }

  @All('activities/state')
  state(@Req() req: Request, @Res() res: Response) {
    return this.serve('activities/state', req, res);
  }

  @All('activities/profile')
  activityProfile(@Req() req: Request, @Res() res: Response) {
    return this.serve('activities/profile', req, res);
  }

  @All('agents/profile')
  agentProfile(@Req() req: Request, @Res() res: Response) {
    return this.serve('agents/profile', req, res);
  }

  @All('activities')
  activities(@Req() req: Request, @Res() res: Response) {
    return this.serve('activities', req, res);
  }

  @All('agents')
  agents(@Req() req: Request, @Res() res: Response) {
    return this.serve('agents', req, res);
  }

  @All('about')
  about(@Req() req: Request, @Res() res: Response) {
    return this.serve('about', req, res);
  }

  private async serve(resource: LrsResource, req: Request, res: Response): Promise<void> {
    res.set({
      ...CORS_HEADERS,
      'X-Experience-API-Version': XAPI_VERSION,
      // Statements are readable once their write commits: consistent through the time of the request.
      'X-Experience-API-Consistent-Through': new Date().toISOString(),
    });
    if (req.method === 'OPTIONS') return void res.status(204).end();
    try {
      const answer = await this.lrs.handle(resource, await readXapiRequest(req));
      write(res, answer);
    } catch (error) {
      if (error instanceof XapiUnauthorizedError) res.set('WWW-Authenticate', 'Basic realm="LRS"');
      throw error;
    }
  }
}

function write(res: Response, answer: XapiResponse): void {
  res.status(answer.status);
  if (answer.headers) res.set(answer.headers);
  if (answer.body === undefined) return void res.end();
  if (Buffer.isBuffer(answer.body)) return void res.send(answer.body);
  res.type(answer.headers?.['Content-Type'] ?? 'application/json').send(JSON.stringify(answer.body));
}
