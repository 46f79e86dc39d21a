import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { isCommune } from '../registry/domain/campaign-learner';
import { NotACommuneError } from '../registry/domain/registry.errors';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { Team, TeamKind } from './domain/team';
import { teamCreated } from './team.events';
import { TeamRepository } from './team.repository';

/** createTeam: a community tech team or youth team of a commune. */
@Injectable()
export class CreateTeamService {
  constructor(
    private readonly db: Database,
    private readonly teams: TeamRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async create(
    actor: Actor,
    input: { name: string; kind: TeamKind; unitCode: string },
    now = new Date(),
  ): Promise<Team> {
    if (!isCommune(await this.registry.findUnit(input.unitCode)))
      throw new NotACommuneError('unitCode', input.unitCode);
    await assertCallerReaches(actor, input.unitCode, this.registry, 'unitCode');
    const team: Team = { id: randomUUID(), ...input, createdBy: actor.sub, createdAt: now };
    await this.db.transaction(async (tx) => {
      await this.teams.insertTeam(tx, team);
      await this.outbox.enqueue(tx, teamCreated(team));
    });
    return team;
  }
}
