import { Injectable } from '@nestjs/common';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { UnknownLearnerError } from '../registry/domain/registry.errors';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { TeamNotFoundError } from './domain/team.errors';
import { teamMemberAdded } from './team.events';
import { TeamRepository } from './team.repository';

/** addTeamMember: a registered learner joins a team; joining again changes nothing. */
@Injectable()
export class AddTeamMemberService {
  constructor(
    private readonly db: Database,
    private readonly teams: TeamRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async add(actor: Actor, teamId: string, learnerId: string, now = new Date()): Promise<{ added: boolean }> {
    const team = await this.teams.findTeam(teamId);
    if (!team) throw new TeamNotFoundError(teamId);
    await assertCallerReaches(actor, team.unitCode, this.registry, 'teamId');
    const learner = (await this.registry.findLearners(this.db.manager, [learnerId])).get(learnerId);
    if (!learner) throw new UnknownLearnerError('learnerId', learnerId);
    const member = { teamId, learnerId, addedBy: actor.sub, addedAt: now };
    const added = await this.db.transaction(async (tx) => {
      if (!(await this.teams.addMember(tx, member))) return false;
      await this.outbox.enqueue(tx, teamMemberAdded(team, { ...member, learnerKey: learner.learnerKey }));
      return true;
    });
    return { added };
  }
}
