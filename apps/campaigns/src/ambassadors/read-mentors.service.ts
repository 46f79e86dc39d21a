import { Injectable } from '@nestjs/common';
import { Actor } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { MENTEES_PER_MENTOR, MenteeAssignment, Mentor } from './domain/ambassador';
import { MentorNotFoundError } from './domain/ambassador.errors';
import { AmbassadorRepository } from './ambassador.repository';

/** getMentor: a mentor, their mentees now, those who changed mentor, and whether they reach the 5-mentee rule. */
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
  ): Promise<{
    mentor: Mentor;
    mentees: MenteeAssignment[];
    formerMentees: MenteeAssignment[];
    meetsRule: boolean;
  }> {
    const mentor = await this.ambassadors.findMentor(this.db.manager, mentorId);
    if (!mentor) throw new MentorNotFoundError(mentorId);
    await assertCallerReaches(actor, mentor.unitCode, this.registry, 'mentorId');
    const [mentees, formerMentees] = await Promise.all([
      this.ambassadors.menteesOf(mentorId),
      this.ambassadors.formerMenteesOf(mentorId),
    ]);
    return { mentor, mentees, formerMentees, meetsRule: mentees.length >= MENTEES_PER_MENTOR };
  }
}
