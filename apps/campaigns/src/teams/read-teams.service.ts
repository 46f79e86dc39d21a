import { Injectable } from '@nestjs/common';
import { Actor } from '@bdhvs/auth';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { Team } from './domain/team';
import { TeamNotFoundError } from './domain/team.errors';
import { TeamRepository } from './team.repository';

/** getTeam: a team, its members and how many visits it made. */
@Injectable()
export class ReadTeamsService {
  constructor(
    private readonly teams: TeamRepository,
    private readonly registry: RegistryRepository,
  ) {}

  async get(actor: Actor, teamId: string): Promise<{ team: Team; memberIds: string[]; visits: number }> {
    const team = await this.teams.findTeam(teamId);
    if (!team) throw new TeamNotFoundError(teamId);
    await assertCallerReaches(actor, team.unitCode, this.registry, 'teamId');
    return {
      team,
      memberIds: await this.teams.memberIds(teamId),
      visits: await this.teams.visitCount(teamId),
    };
  }
}
