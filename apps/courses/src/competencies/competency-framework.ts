import { Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Competency,
  CompetencyLevel,
  parseCompetencies,
  parseCompetencyLevels,
} from './domain/competency-framework';

const COMPETENCIES_FILE = 'digital-competency-framework-02-2025.csv';
const LEVELS_FILE = 'digital-competency-levels-02-2025.csv';

/**
 * Where the framework files are: webpack copies `src/competencies/data` to `competencies-data/` beside
 * the bundle's main.js; run from source (jest), they sit in `data/` beside this file.
 */
export function competencyDataDir(base = __dirname): string {
  const candidates = [join(base, 'competencies-data'), join(base, 'data')];
  const found = candidates.find((dir) => existsSync(join(dir, COMPETENCIES_FILE)));
  if (!found) throw new Error(`competency framework files not found in ${candidates.join(' or ')}`);
  return found;
}

/** The digital competency framework for learners, read once at start-up from the shipped files. */
@Injectable()
export class CompetencyFramework {
  readonly competencies: readonly Competency[];
  readonly levels: readonly CompetencyLevel[];

  constructor() {
    const dir = competencyDataDir();
    this.competencies = parseCompetencies(readFileSync(join(dir, COMPETENCIES_FILE), 'utf8'));
    this.levels = parseCompetencyLevels(readFileSync(join(dir, LEVELS_FILE), 'utf8'));
  }
}
