import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { UnknownLearnerError } from '../registry/domain/registry.errors';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { MenteeAssignment, actsAsOtherMentor, decideAssignment } from './domain/ambassador';
import {
  MenteeAssignedElsewhereError,
  MenteeOutsideMentorUnitError,
  MentorNotFoundError,
  MentorOfSelfError,
  NotYourMentorRecordError,
} from './domain/ambassador.errors';
import { menteeAssigned } from './ambassador.events';
import { AmbassadorRepository } from './ambassador.repository';

/** assignMentee: one mentor at a time per mentee, within the mentor's unit; the same pair again is kept. */
@Injectable()
export class AssignMenteeService {
  constructor(
    private readonly db: Database,
    private readonly ambassadors: AmbassadorRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async assign(
    actor: Actor,
    input: { mentorId: string; learnerId: string },
    now = new Date(),
  ): Promise<{ assignment: MenteeAssignment; created: boolean }> {
    const mentor = await this.ambassadors.findMentor(this.db.manager, input.mentorId);
    if (!mentor) throw new MentorNotFoundError(input.mentorId);
    await assertCallerReaches(actor, mentor.unitCode, this.registry, 'mentorId');
    if (actsAsOtherMentor(actor, mentor)) throw new NotYourMentorRecordError(mentor.id);
    const mentee = (await this.registry.findLearners(this.db.manager, [input.learnerId])).get(
      input.learnerId,
    );
    if (!mentee) throw new UnknownLearnerError('learnerId', input.learnerId);
    const withinMentorUnit = await this.registry.isWithin(mentee.unitCode, mentor.unitCode);
    return this.db.transaction(async (tx) => {
      await this.ambassadors.lock(tx, [mentee.learnerId]);
      const decision = decideAssignment(
        mentor,
        { learnerId: mentee.learnerId, learnerKey: mentee.learnerKey, withinMentorUnit },
        await this.ambassadors.assignmentOf(tx, mentee.learnerId),
        { id: randomUUID(), assignedBy: actor.sub, now },
      );
      switch (decision.outcome) {
        case 'self':
          throw new MentorOfSelfError();
        case 'assigned-elsewhere':
          throw new MenteeAssignedElsewhereError(decision.current.mentorId);
        case 'outside-unit':
          throw new MenteeOutsideMentorUnitError(mentor.unitCode);
        case 'existing':
          return { assignment: decision.assignment, created: false };
        case 'created':
          await this.ambassadors.insertAssignment(tx, decision.assignment);
          await this.outbox.enqueue(tx, menteeAssigned(mentor, decision.assignment));
          return { assignment: decision.assignment, created: true };
      }
    });
  }
}
