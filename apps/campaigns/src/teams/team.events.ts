import { TeamCreatedV1, TeamMemberAddedV1, Topics, VisitRecordedV1 } from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import { Team, Visit } from './domain/team';

export function teamCreated(t: Team): OutgoingEvent<TeamCreatedV1> {
  return {
    topic: Topics.teamCreated,
    key: t.id,
    subject: t.id,
    time: t.createdAt,
    data: {
      teamId: t.id,
      name: t.name,
      kind: t.kind,
      unitCode: t.unitCode,
      createdAt: t.createdAt.toISOString(),
    },
  };
}

/** visit-recorded: keyed by team, at the visit's own time (m_visits counts it in the period it happened). */
export function visitRecorded(v: Visit): OutgoingEvent<VisitRecordedV1> {
  return {
    topic: Topics.visitRecorded,
    key: v.teamId,
    subject: v.id,
    time: v.visitedAt,
    data: {
      visitId: v.id,
      teamId: v.teamId,
      householdId: v.householdId,
      unitCode: v.unitCode,
      visitedAt: v.visitedAt.toISOString(),
      helpedWith: v.helpedWith,
      learnerIds: v.learnerIds,
      recordedAt: v.recordedAt.toISOString(),
    },
  };
}

/** team-member-added: keyed by team, like the team's other events. */
export function teamMemberAdded(
  team: Team,
  member: { learnerId: string; learnerKey: string; addedBy: string; addedAt: Date },
): OutgoingEvent<TeamMemberAddedV1> {
  return {
    topic: Topics.teamMemberAdded,
    key: team.id,
    subject: team.id,
    time: member.addedAt,
    data: {
      teamId: team.id,
      learnerId: member.learnerId,
      learnerKey: member.learnerKey,
      unitCode: team.unitCode,
      addedBy: member.addedBy,
      addedAt: member.addedAt.toISOString(),
    },
  };
}
