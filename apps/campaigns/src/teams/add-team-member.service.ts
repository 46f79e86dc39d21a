import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { UnknownLearnerError } from '../registry/domain/registry.errors';
import { RegistryRepository } from '../registry/registry.repository';
import { TeamNotFoundError } from './domain/team.errors';
import { TeamRepository } from './team.repository';

/** addTeamMember: a registered learner joins a team; joining again changes nothing. */
@Injectable()
export class AddTeamMemberService {
  constructor(
    private readonly db: Database,
    private readonly teams: TeamRepository,
    private readonly registry: RegistryRepository,
  ) {}

  async add(actor: Actor, teamId: string, learnerId: string, now = new Date()): Promise<{ added: boolean }> {
    const team = await this.teams.findTeam(teamId);
    if (!team) throw new TeamNotFoundError(teamId);
    await assertUnitInScope(actor, team.unitCode, this.registry);
    if (!(await this.registry.findLearners(this.db.manager, [learnerId])).has(learnerId))
      throw new UnknownLearnerError('learnerId', learnerId);
    const added = await this.db.transaction((tx) =>
      this.teams.addMember(tx, { teamId, learnerId, addedBy: actor.sub, addedAt: now }),
    );
    return { added };
  }
}
