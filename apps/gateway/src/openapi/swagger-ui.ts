import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import * as swaggerUi from 'swagger-ui-express';
import { MERGED_TITLE } from './merge-openapi';

export const DOCS_PATH = '/api/docs';
export const OPENAPI_PATH = '/api/openapi.json';

/** Swagger UI over the merged document, which the browser fetches from `OPENAPI_PATH`. */
export function mountSwaggerUi(app: INestApplication): void {
  const options = { swaggerUrl: OPENAPI_PATH, customSiteTitle: MERGED_TITLE };
  // The page loads its assets by relative URL, which only resolve under `/api/docs/`.
  const trailingSlash = (req: Request, res: Response, next: NextFunction) => {
    if (req.originalUrl.split('?')[0] === DOCS_PATH) res.redirect(301, `${DOCS_PATH}/`);
    else next();
  };
  app.use(
    DOCS_PATH,
    trailingSlash,
    ...swaggerUi.serveFiles(undefined, options),
    swaggerUi.setup(undefined, options),
  );
}
