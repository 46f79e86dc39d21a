import { TeamCreatedV1, Topics, VisitRecordedV1 } from '@bdhvs/events';
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
