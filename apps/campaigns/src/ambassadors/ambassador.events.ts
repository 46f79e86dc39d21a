import {
  DeskHelperRegisteredV1,
  MenteeAssignedV1,
  MenteeReassignedV1,
  MentorRegisteredV1,
  Topics,
} from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import { DeskHelper, MenteeAssignment, Mentor } from './domain/ambassador';

/** mentor-registered: keyed by the mentor's learner id. */
export function mentorRegistered(m: Mentor): OutgoingEvent<MentorRegisteredV1> {
  return {
    topic: Topics.mentorRegistered,
    key: m.learnerId,
    subject: m.id,
    time: m.registeredAt,
    data: {
      mentorId: m.id,
      learnerId: m.learnerId,
      learnerKey: m.learnerKey,
      unitCode: m.unitCode,
      campaignId: m.campaignId,
      registeredAt: m.registeredAt.toISOString(),
    },
  };
}

/** mentee-assigned: keyed by the mentor's learner id, so a mentor's assignments stay in order. */
export function menteeAssigned(mentor: Mentor, a: MenteeAssignment): OutgoingEvent<MenteeAssignedV1> {
  return {
    topic: Topics.menteeAssigned,
    key: mentor.learnerId,
    subject: mentor.id,
    time: a.assignedAt,
    data: {
      mentorId: mentor.id,
      mentorLearnerId: mentor.learnerId,
      learnerId: a.learnerId,
      learnerKey: a.learnerKey,
      unitCode: mentor.unitCode,
      assignedAt: a.assignedAt.toISOString(),
    },
  };
}

/**
 * mentee-reassigned: keyed by the mentee's learner id, so one mentee's changes stay in order. It carries
 * the ended assignment, so that a reader applies the end whatever order the topics arrive in.
 */
export function menteeReassigned(
  previous: Mentor,
  ended: MenteeAssignment,
  mentor: Mentor,
  a: MenteeAssignment,
): OutgoingEvent<MenteeReassignedV1> {
  return {
    topic: Topics.menteeReassigned,
    key: a.learnerId,
    subject: mentor.id,
    time: a.assignedAt,
    data: {
      learnerId: a.learnerId,
      learnerKey: a.learnerKey,
      mentorId: mentor.id,
      mentorLearnerId: mentor.learnerId,
      unitCode: mentor.unitCode,
      previousMentorId: previous.id,
      previousUnitCode: previous.unitCode,
      previousAssignedAt: new Date(ended.assignedAt).toISOString(),
      reassignedBy: a.assignedBy,
      reassignedAt: a.assignedAt.toISOString(),
    },
  };
}

/** desk-helper-registered: keyed by the helper's learner id. */
export function deskHelperRegistered(h: DeskHelper): OutgoingEvent<DeskHelperRegisteredV1> {
  return {
    topic: Topics.deskHelperRegistered,
    key: h.learnerId,
    subject: h.id,
    time: h.registeredAt,
    data: {
      helperId: h.id,
      learnerId: h.learnerId,
      learnerKey: h.learnerKey,
      unitCode: h.unitCode,
      registeredAt: h.registeredAt.toISOString(),
    },
  };
}
