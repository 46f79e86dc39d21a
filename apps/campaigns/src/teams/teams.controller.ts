import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { Team } from './domain/team';
import {
  AddTeamMemberDto,
  CreateTeamDto,
  RecordVisitDto,
  TeamDto,
  TeamIdParamsDto,
  TeamMemberDto,
  TeamWithMembersDto,
  VisitDto,
} from './dto/team.dto';
import { AddTeamMemberService } from './add-team-member.service';
import { CreateTeamService } from './create-team.service';
import { ReadTeamsService } from './read-teams.service';
import { RecordVisitService } from './record-visit.service';

/** Community tech teams (IV.6.5) and youth teams (IV.6.6), and their door-to-door visits. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(
    private readonly creation: CreateTeamService,
    private readonly members: AddTeamMemberService,
    private readonly visits: RecordVisitService,
    private readonly reads: ReadTeamsService,
  ) {}

  @Post()
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Create a community tech team or youth team of a commune' })
  @ApiCreatedResponse({ type: TeamDto })
  async createTeam(
    @CurrentActor() actor: Actor,
    @Body() body: CreateTeamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TeamDto> {
    const team = await this.creation.create(actor, body);
    res.location(`/api/v1/campaigns/teams/${team.id}`);
    return toTeamDto(team);
  }

  @Get(':teamId')
  @Roles('province-admin', 'unit-officer', 'mentor')
  @ApiOperation({ summary: 'A team, its members and the visits it made' })
  @ApiOkResponse({ type: TeamWithMembersDto })
  async getTeam(@CurrentActor() actor: Actor, @Param() params: TeamIdParamsDto): Promise<TeamWithMembersDto> {
    const { team, memberIds, visits } = await this.reads.get(actor, params.teamId);
    return { ...toTeamDto(team), memberIds, visits };
  }

  @Post(':teamId/members')
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Add a registered learner to a team; adding again answers 200' })
  @ApiCreatedResponse({ type: TeamMemberDto })
  @ApiUnprocessableEntityResponse({ description: 'A learner the campaigns service does not know (yet)' })
  async addTeamMember(
    @CurrentActor() actor: Actor,
    @Param() params: TeamIdParamsDto,
    @Body() body: AddTeamMemberDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TeamMemberDto> {
    const { added } = await this.members.add(actor, params.teamId, body.learnerId);
    res.status(added ? 201 : 200);
    return { teamId: params.teamId, learnerId: body.learnerId };
  }

  @Post(':teamId/visits')
  @Roles('province-admin', 'unit-officer', 'mentor')
  @ApiOperation({
    summary: 'Record a door-to-door visit to a household of the team’s commune, and what was helped with',
  })
  @ApiCreatedResponse({ type: VisitDto })
  async recordVisit(
    @CurrentActor() actor: Actor,
    @Param() params: TeamIdParamsDto,
    @Body() body: RecordVisitDto,
  ): Promise<VisitDto> {
    const visit = await this.visits.record(actor, params.teamId, {
      householdId: body.householdId,
      visitedAt: new Date(body.visitedAt),
      helpedWith: body.helpedWith,
      learnerIds: body.learnerIds ?? [],
    });
    return { ...visit, visitedAt: visit.visitedAt.toISOString() };
  }
}

function toTeamDto(t: Team): TeamDto {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    unitCode: t.unitCode,
    createdAt: new Date(t.createdAt).toISOString(),
  };
}
