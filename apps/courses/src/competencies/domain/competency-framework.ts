import { parse } from 'csv-parse/sync';

/** Records keyed by the header's column names (csv-parse: quoted fields, BOM, CRLF). */
function readCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
}

/** One of the 24 component competencies ("năng lực thành phần") of Thông tư 02/2025/TT-BGDĐT. */
export interface Competency {
  domainNo: number;
  domainName: string;
  /** "1.1" .. "6.3". */
  competencyNo: string;
  name: string;
  /** Another wording met in the transcriptions (see data/SOURCES.md); null when they all agree. */
  nameVariant: string | null;
  /** How far the wording was checked. */
  nameCheck: string;
}

/** One of the 8 proficiency levels (bậc), 2 per tier (trình độ). */
export interface CompetencyLevel {
  levelNo: number;
  tier: string;
  name: string;
  /** Code of Công văn 3456/BGDĐT-GDPT (CB1 .. NC1); null for levels 6-8, which it does not code. */
  codeCv3456: string | null;
  typicalLearners: string | null;
  typicalLearnersSource: string;
}

export class FrameworkDataError extends Error {}

export const COMPETENCY_COUNT = 24;
export const DOMAIN_COUNT = 6;
export const LEVEL_COUNT = 8;

export function parseCompetencies(text: string): Competency[] {
  const competencies = readCsv(text).map((r) => ({
    domainNo: Number(r['domain_no']),
    domainName: r['domain_name'],
    competencyNo: r['competency_no'],
    name: r['competency_name'],
    nameVariant: r['competency_name_variant'] || null,
    nameCheck: r['name_check'],
  }));
  const domains = new Set(competencies.map((c) => c.domainNo));
  if (competencies.length !== COMPETENCY_COUNT || domains.size !== DOMAIN_COUNT) {
    throw new FrameworkDataError(`expected ${COMPETENCY_COUNT} competencies in ${DOMAIN_COUNT} domains`);
  }
  for (const c of competencies) {
    if (!c.competencyNo.startsWith(`${c.domainNo}.`))
      throw new FrameworkDataError(`competency ${c.competencyNo} is not in domain ${c.domainNo}`);
  }
  return competencies;
}

export function parseCompetencyLevels(text: string): CompetencyLevel[] {
  const levels = readCsv(text).map((r) => ({
    levelNo: Number(r['level_no']),
    tier: r['tier'],
    name: r['name'],
    codeCv3456: r['code_cv3456'] || null,
    typicalLearners: r['typical_learners'] || null,
    typicalLearnersSource: r['typical_learners_source'],
  }));
  if (levels.map((l) => l.levelNo).join() !== '1,2,3,4,5,6,7,8')
    throw new FrameworkDataError(`expected levels 1 to ${LEVEL_COUNT} in order`);
  return levels;
}

/**
 * A basic digital skill the province's plan names for its target groups (using a smartphone, VNeID,
 * online public services, ...). Not part of Thông tư 02/2025: the plan's own list, beside it.
 */
export interface BasicSkill {
  /** `BASIC-...`; never clashes with the framework's "1.1" .. "6.3". */
  code: string;
  name: string;
  /** Sections of the plan that name the skill, e.g. "IV.5.4.c". */
  planSections: string[];
  /** Competencies of Thông tư 02/2025 the skill draws on: the project's reading, not the plan's. */
  relatedCompetencies: string[];
}

export function parseBasicSkills(text: string, competencies: readonly Competency[]): BasicSkill[] {
  const known = new Set(competencies.map((c) => c.competencyNo));
  const list = (cell: string | undefined) =>
    (cell ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  const skills = readCsv(text).map((r) => ({
    code: r['code'],
    name: r['name'],
    planSections: list(r['plan_sections']),
    relatedCompetencies: list(r['related_competencies']),
  }));
  for (const s of skills) {
    if (!/^BASIC-[A-Z-]+$/.test(s.code))
      throw new FrameworkDataError(`basic skill code ${s.code} is not BASIC-...`);
    const unknown = s.relatedCompetencies.filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw new FrameworkDataError(`basic skill ${s.code} names unknown competencies ${unknown.join(', ')}`);
  }
  if (new Set(skills.map((s) => s.code)).size !== skills.length)
    throw new FrameworkDataError('basic skill codes repeat');
  return skills;
}

/** Every code a course, module or programme may name: the 24 competencies and the plan's basic skills. */
export function competencyCodes(
  competencies: readonly Competency[],
  skills: readonly BasicSkill[],
): string[] {
  return [...competencies.map((c) => c.competencyNo), ...skills.map((s) => s.code)];
}
