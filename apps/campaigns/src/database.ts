import type { DatabaseOptions } from '@bdhvs/service-runtime';
import { migrations } from './migrations';

/** The service's tables: its entities and the migrations that create them (run on start and by `main.js migrate`). */
export const database: Omit<DatabaseOptions, 'url'> = { entities: [], migrations };
