import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../units/domain/csv';

const FILE = 'ethnic-groups.csv';

/**
 * The 54 official ethnic groups (codes 01-54). Webpack copies `src/learners/data` to `learners-data/`
 * beside main.js; run from source (jest) the file sits in `data/` beside this one.
 */
export function readEthnicGroups(base = __dirname): { code: string; name: string }[] {
  const dir = [join(base, 'learners-data'), join(base, 'data')].find((d) => existsSync(join(d, FILE)));
  if (!dir) throw new Error(`${FILE} not found beside ${base}`);
  return parseCsv(readFileSync(join(dir, FILE), 'utf8')).map((r) => ({ code: r['code'], name: r['name'] }));
}
