/** Community tech teams (IV.6.5) and youth teams (IV.6.6): "đi từng ngõ, gõ từng nhà". Framework-free. */
export const TEAM_KINDS = ['COMMUNITY_TECH_TEAM', 'YOUTH_TEAM'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];
export const HELP_TOPICS = [
  'VNEID',
  'DIGITAL_BANKING',
  'PUBLIC_SERVICES',
  'SMARTPHONE',
  'ONLINE_SAFETY',
  'E_COMMERCE',
  'OTHER',
] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

export interface Team {
  id: string;
  name: string;
  kind: TeamKind;
  unitCode: string;
  createdBy: string;
  createdAt: Date;
}

export interface Visit {
  id: string;
  teamId: string;
  householdId: string;
  unitCode: string;
  visitedAt: Date;
  helpedWith: HelpTopic[];
  learnerIds: string[];
  recordedBy: string;
  recordedAt: Date;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** What recordVisit refuses beyond the DTO's shapes, each naming its field. */
export function checkVisit(
  team: Pick<Team, 'unitCode'>,
  visit: { visitedAt: Date; learnerIds: string[] },
  household: { unitCode: string } | null,
  knownLearners: ReadonlySet<string>,
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!household)
    problems.push({
      field: 'householdId',
      message: 'householdId names no household known from the registry',
    });
  else if (household.unitCode !== team.unitCode)
    problems.push({
      field: 'householdId',
      message: `the household is outside the team's unit ${team.unitCode}`,
    });
  if (visit.visitedAt.getTime() > now.getTime())
    problems.push({ field: 'visitedAt', message: 'visitedAt must not be in the future' });
  visit.learnerIds.forEach((id, i) => {
    if (!knownLearners.has(id))
      problems.push({ field: `learnerIds.${i}`, message: 'names no learner known from the registry' });
  });
  return problems;
}
