import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdministrativeUnit, ReferenceUnitFiles, referenceUnits } from './domain/administrative-unit';

const FILES: Record<keyof ReferenceUnitFiles, string> = {
  units2025: 'lai-chau-units-2025.csv',
  unitsPre2025: 'lai-chau-units-pre-2025.csv',
  mapping: 'lai-chau-units-mapping.csv',
};

/**
 * Where the reference files are: webpack copies `src/units/data` to `units-data/` beside the bundle's
 * main.js; run from source (jest), they sit in `data/` beside this file.
 */
export function referenceUnitsDir(base = __dirname): string {
  const candidates = [join(base, 'units-data'), join(base, 'data')];
  const found = candidates.find((dir) => existsSync(join(dir, FILES.units2025)));
  if (!found) throw new Error(`reference unit files not found in ${candidates.join(' or ')}`);
  return found;
}

export function readReferenceUnitFiles(dir = referenceUnitsDir()): ReferenceUnitFiles {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    units2025: read(FILES.units2025),
    unitsPre2025: read(FILES.unitsPre2025),
    mapping: read(FILES.mapping),
  };
}

export function readReferenceUnits(dir = referenceUnitsDir()): AdministrativeUnit[] {
  return referenceUnits(readReferenceUnitFiles(dir));
}
