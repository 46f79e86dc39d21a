import { Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BasicSkill,
  Competency,
  CompetencyLevel,
  competencyCodes,
  parseBasicSkills,
  parseCompetencies,
  parseCompetencyLevels,
} from './domain/competency-framework';

const COMPETENCIES_FILE = 'digital-competency-framework-02-2025.csv';
const LEVELS_FILE = 'digital-competency-levels-02-2025.csv';
const BASIC_SKILLS_FILE = 'basic-digital-skills-lai-chau-plan.csv';

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

/**
 * The digital competency framework for learners and the plan's basic digital skills, read once at
 * start-up from the shipped files.
 */
@Injectable()
export class CompetencyFramework {
  readonly competencies: readonly Competency[];
  readonly levels: readonly CompetencyLevel[];
  readonly basicSkills: readonly BasicSkill[];
  private readonly names: ReadonlyMap<string, string>;

  constructor() {
    const dir = competencyDataDir();
    this.competencies = parseCompetencies(readFileSync(join(dir, COMPETENCIES_FILE), 'utf8'));
    this.levels = parseCompetencyLevels(readFileSync(join(dir, LEVELS_FILE), 'utf8'));
    this.basicSkills = parseBasicSkills(
      readFileSync(join(dir, BASIC_SKILLS_FILE), 'utf8'),
      this.competencies,
    );
    this.names = new Map([
      ...this.competencies.map((c) => [c.competencyNo, c.name] as const),
      ...this.basicSkills.map((s) => [s.code, s.name] as const),
    ]);
    if (this.names.size !== competencyCodes(this.competencies, this.basicSkills).length)
      throw new Error('competency and basic skill codes overlap');
  }

  /** Whether a course, module or programme may name this code. */
  has(code: string): boolean {
    return this.names.has(code);
  }

  /** The names by code, for explanations. */
  get nameOf(): ReadonlyMap<string, string> {
    return this.names;
  }
}
