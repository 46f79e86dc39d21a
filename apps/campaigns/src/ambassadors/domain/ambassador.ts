/** The digital ambassadors network, "Đại sứ số" (IV.6.1): mentors, their mentees, desk helpers. Framework-free. */
export const MENTEES_PER_MENTOR = 5;

export interface Mentor {
  id: string;
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  campaignId: string | null;
  /** The account (token `sub`, role mentor) the mentor acts with, if they have one. */
  account: string | null;
  registeredBy: string;
  registeredAt: Date;
}

/** A mentee with a mentor from `assignedAt`; a reassignment ends it (`endedAt`), kept as history. */
export interface MenteeAssignment {
  id: string;
  mentorId: string;
  learnerId: string;
  learnerKey: string;
  assignedBy: string;
  assignedAt: Date;
  endedBy: string | null;
  endedAt: Date | null;
}

export interface DeskHelper {
  id: string;
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  registeredBy: string;
  registeredAt: Date;
}

/** What an assignment request meets: the mentee's current assignment, if any. */
export type AssignmentDecision =
  | { outcome: 'created'; assignment: MenteeAssignment }
  | { outcome: 'existing'; assignment: MenteeAssignment }
  | { outcome: 'self' }
  | { outcome: 'assigned-elsewhere'; current: MenteeAssignment }
  | { outcome: 'outside-unit' };

/**
 * One mentor at a time per mentee, never oneself, and only within the mentor's unit. The same pair
 * again is the assignment already made.
 */
export function decideAssignment(
  mentor: Mentor,
  mentee: { learnerId: string; learnerKey: string; withinMentorUnit: boolean },
  current: MenteeAssignment | null,
  at: { id: string; assignedBy: string; now: Date },
): AssignmentDecision {
  if (mentee.learnerId === mentor.learnerId) return { outcome: 'self' };
  if (current) {
    return current.mentorId === mentor.id
      ? { outcome: 'existing', assignment: current }
      : { outcome: 'assigned-elsewhere', current };
  }
  if (!mentee.withinMentorUnit) return { outcome: 'outside-unit' };
  return {
    outcome: 'created',
    assignment: startAssignment(mentor, mentee, at),
  };
}

/** What a change of mentor meets: the mentee's current assignment, if any. */
export type ReassignmentDecision =
  | { outcome: 'reassigned'; ended: MenteeAssignment; assignment: MenteeAssignment }
  | { outcome: 'existing'; assignment: MenteeAssignment }
  | { outcome: 'self' }
  | { outcome: 'not-assigned' }
  | { outcome: 'outside-unit' };

/**
 * A mentee changes mentor: the current assignment ends and the new one starts at the same instant, so
 * the mentee has one mentor at every moment. Only a mentee who has a mentor changes; the new mentor
 * already guiding them is the change already made.
 */
export function decideReassignment(
  mentor: Mentor,
  mentee: { learnerId: string; learnerKey: string; withinMentorUnit: boolean },
  current: MenteeAssignment | null,
  at: { id: string; assignedBy: string; now: Date },
): ReassignmentDecision {
  if (mentee.learnerId === mentor.learnerId) return { outcome: 'self' };
  if (!current) return { outcome: 'not-assigned' };
  if (current.mentorId === mentor.id) return { outcome: 'existing', assignment: current };
  if (!mentee.withinMentorUnit) return { outcome: 'outside-unit' };
  return {
    outcome: 'reassigned',
    ended: { ...current, endedBy: at.assignedBy, endedAt: at.now },
    assignment: startAssignment(mentor, mentee, at),
  };
}

function startAssignment(
  mentor: Mentor,
  mentee: { learnerId: string; learnerKey: string },
  at: { id: string; assignedBy: string; now: Date },
): MenteeAssignment {
  return {
    id: at.id,
    mentorId: mentor.id,
    learnerId: mentee.learnerId,
    learnerKey: mentee.learnerKey,
    assignedBy: at.assignedBy,
    assignedAt: at.now,
    endedBy: null,
    endedAt: null,
  };
}

/** A mentor acting on their own account may act for their own mentor record only. */
export function actsAsOtherMentor(actor: { sub: string; roles: readonly string[] }, mentor: Mentor): boolean {
  const officer = actor.roles.includes('province-admin') || actor.roles.includes('unit-officer');
  return !officer && mentor.account !== actor.sub;
}
