import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { UnknownLearnerError } from '../registry/domain/registry.errors';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { MenteeAssignment, decideReassignment } from './domain/ambassador';
import {
  MenteeNotAssignedError,
  MenteeOutsideMentorUnitError,
  MentorNotFoundError,
  MentorOfSelfError,
} from './domain/ambassador.errors';
import { menteeReassigned } from './ambassador.events';
import { AmbassadorRepository } from './ambassador.repository';

/**
 * reassignMentee: a mentee changes mentor. The current assignment ends (kept as history) when the new one
 * starts; an officer acts within the units of both mentors.
 */
@Injectable()
export class ReassignMenteeService {
  constructor(
    private readonly db: Database,
    private readonly ambassadors: AmbassadorRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async reassign(
    actor: Actor,
    input: { learnerId: string; mentorId: string },
    now = new Date(),
  ): Promise<{ assignment: MenteeAssignment; previousMentorId: string | null }> {
    const mentor = await this.ambassadors.findMentor(this.db.manager, input.mentorId);
    if (!mentor) throw new MentorNotFoundError(input.mentorId);
    await assertCallerReaches(actor, mentor.unitCode, this.registry, 'mentorId');
    const mentee = (await this.registry.findLearners(this.db.manager, [input.learnerId])).get(
      input.learnerId,
    );
    if (!mentee) throw new UnknownLearnerError('learnerId', input.learnerId);
    const withinMentorUnit = await this.registry.isWithin(mentee.unitCode, mentor.unitCode);
    return this.db.transaction(async (tx) => {
      await this.ambassadors.lock(tx, [mentee.learnerId]);
      const current = await this.ambassadors.assignmentOf(tx, mentee.learnerId);
      const previous = current && (await this.ambassadors.findMentor(tx, current.mentorId));
      if (previous) await assertCallerReaches(actor, previous.unitCode, this.registry, 'learnerId');
      const decision = decideReassignment(
        mentor,
        { learnerId: mentee.learnerId, learnerKey: mentee.learnerKey, withinMentorUnit },
        current,
        { id: randomUUID(), assignedBy: actor.sub, now },
      );
      switch (decision.outcome) {
        case 'self':
          throw new MentorOfSelfError();
        case 'not-assigned':
          throw new MenteeNotAssignedError();
        case 'outside-unit':
          throw new MenteeOutsideMentorUnitError(mentor.unitCode);
        case 'existing':
          return { assignment: decision.assignment, previousMentorId: null };
        case 'reassigned':
          await this.ambassadors.endAssignment(tx, decision.ended);
          await this.ambassadors.insertAssignment(tx, decision.assignment);
          await this.outbox.enqueue(
            tx,
            menteeReassigned(previous ?? mentor, decision.ended, mentor, decision.assignment),
          );
          return { assignment: decision.assignment, previousMentorId: decision.ended.mentorId };
      }
    });
  }
}
