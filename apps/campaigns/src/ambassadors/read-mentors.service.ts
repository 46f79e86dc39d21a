import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { RegistryRepository } from '../registry/registry.repository';
import { MENTEES_PER_MENTOR, MenteeAssignment, Mentor } from './domain/ambassador';
import { MentorNotFoundError } from './domain/ambassador.errors';
import { AmbassadorRepository } from './ambassador.repository';

/** getMentor: a mentor, their mentees and whether they reach the 5-mentee rule. */
@Injectable()
export class ReadMentorsService {
  constructor(
    private readonly db: Database,
    private readonly ambassadors: AmbassadorRepository,
    private readonly registry: RegistryRepository,
  ) {}

  async get(
    actor: Actor,
    mentorId: string,
  ): Promise<{ mentor: Mentor; mentees: MenteeAssignment[]; meetsRule: boolean }> {
    const mentor = await this.ambassadors.findMentor(this.db.manager, mentorId);
    if (!mentor) throw new MentorNotFoundError(mentorId);
    await assertUnitInScope(actor, mentor.unitCode, this.registry);
    const mentees = await this.ambassadors.menteesOf(mentorId);
    return { mentor, mentees, meetsRule: mentees.length >= MENTEES_PER_MENTOR };
  }
}
