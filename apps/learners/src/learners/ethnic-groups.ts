import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** Records keyed by the header's column names (csv-parse: quoted fields, BOM, CRLF). */
function readCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
}

const FILE = 'ethnic-groups.csv';

/**
 * The 54 official ethnic groups (codes 01-54). Webpack copies `src/learners/data` to `learners-data/`
 * beside main.js; run from source (jest) the file sits in `data/` beside this one.
 */
export function readEthnicGroups(base = __dirname): { code: string; name: string }[] {
  const dir = [join(base, 'learners-data'), join(base, 'data')].find((d) => existsSync(join(d, FILE)));
  if (!dir) throw new Error(`${FILE} not found beside ${base}`);
  return readCsv(readFileSync(join(dir, FILE), 'utf8')).map((r) => ({ code: r['code'], name: r['name'] }));
}
