import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'bdhvs:public';

/** Marks a route that needs no token (health checks, certificate verification). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
