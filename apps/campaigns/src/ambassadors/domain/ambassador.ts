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

export interface MenteeAssignment {
  mentorId: string;
  learnerId: string;
  learnerKey: string;
  assignedBy: string;
  assignedAt: Date;
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
  at: { assignedBy: string; now: Date },
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
    assignment: {
      mentorId: mentor.id,
      learnerId: mentee.learnerId,
      learnerKey: mentee.learnerKey,
      assignedBy: at.assignedBy,
      assignedAt: at.now,
    },
  };
}

/** A mentor acting on their own account may act for their own mentor record only. */
export function actsAsOtherMentor(actor: { sub: string; roles: readonly string[] }, mentor: Mentor): boolean {
  const officer = actor.roles.includes('province-admin') || actor.roles.includes('unit-officer');
  return !officer && mentor.account !== actor.sub;
}
