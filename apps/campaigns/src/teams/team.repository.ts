import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { Team, Visit } from './domain/team';
import { TeamEntity, TeamMemberEntity, VisitEntity } from './team.entity';

/** The only code that knows the team, team_member and visit tables. */
@Injectable()
export class TeamRepository {
  private readonly teams: EntityTable<TeamEntity>;
  private readonly members: EntityTable<TeamMemberEntity>;
  private readonly visits: EntityTable<VisitEntity>;

  constructor(private readonly db: Database) {
    this.teams = EntityTable.of(db.dataSource, TeamEntity);
    this.members = EntityTable.of(db.dataSource, TeamMemberEntity);
    this.visits = EntityTable.of(db.dataSource, VisitEntity);
  }

  async insertTeam(tx: EntityManager, team: Team): Promise<void> {
    await this.teams.insertMany(tx, [team]);
  }

  async findTeam(teamId: string): Promise<Team | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.teams.select('t')} FROM team t WHERE t.id = $1`,
      [teamId],
    );
    return (row as Team | undefined) ?? null;
  }

  /** True when the learner was not a member before. */
  async addMember(tx: EntityManager, member: TeamMemberEntity): Promise<boolean> {
    const added = await this.members.insertMany(tx, [member], {
      onConflict: '(team_id, learner_id) DO NOTHING',
      returning: 'learnerId',
    });
    return added.length === 1;
  }

  /** The first 1,000 members, as getTeam documents. */
  async memberIds(teamId: string): Promise<string[]> {
    const rows: { learnerId: string }[] = await this.db.manager.query(
      'SELECT learner_id AS "learnerId" FROM team_member WHERE team_id = $1 ORDER BY added_at, learner_id LIMIT 1000',
      [teamId],
    );
    return rows.map((r) => r.learnerId);
  }

  async insertVisit(tx: EntityManager, visit: Visit): Promise<void> {
    await this.visits.insertMany(tx, [visit]);
  }

  async visitCount(teamId: string): Promise<number> {
    const [row] = await this.db.manager.query('SELECT count(*)::int AS n FROM visit WHERE team_id = $1', [
      teamId,
    ]);
    return row.n as number;
  }
}
