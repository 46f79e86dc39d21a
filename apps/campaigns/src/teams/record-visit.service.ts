import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { assertCallerReaches } from '../registry/caller-scope';
import { RegistryRepository } from '../registry/registry.repository';
import { HelpTopic, Visit, checkVisit } from './domain/team';
import { InvalidVisitError, TeamNotFoundError } from './domain/team.errors';
import { visitRecorded } from './team.events';
import { TeamRepository } from './team.repository';

export interface NewVisit {
  householdId: string;
  visitedAt: Date;
  helpedWith: HelpTopic[];
  learnerIds: string[];
}

/** recordVisit: a team's door-to-door visit to a household of its commune (m_visits). */
@Injectable()
export class RecordVisitService {
  constructor(
    private readonly db: Database,
    private readonly teams: TeamRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async record(actor: Actor, teamId: string, input: NewVisit, now = new Date()): Promise<Visit> {
    const team = await this.teams.findTeam(teamId);
    if (!team) throw new TeamNotFoundError(teamId);
    await assertCallerReaches(actor, team.unitCode, this.registry, 'teamId');
    const known = await this.registry.findLearners(this.db.manager, input.learnerIds);
    const problems = checkVisit(
      team,
      input,
      await this.registry.findHousehold(input.householdId),
      new Set(known.keys()),
      now,
    );
    if (problems.length > 0) throw new InvalidVisitError(problems);
    const visit: Visit = {
      id: randomUUID(),
      teamId,
      ...input,
      unitCode: team.unitCode,
      recordedBy: actor.sub,
      recordedAt: now,
    };
    await this.db.transaction(async (tx) => {
      await this.teams.insertVisit(tx, visit);
      await this.outbox.enqueue(tx, visitRecorded(visit));
    });
    return visit;
  }
}
