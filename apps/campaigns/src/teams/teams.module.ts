import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { AddTeamMemberService } from './add-team-member.service';
import { CreateTeamService } from './create-team.service';
import { ReadTeamsService } from './read-teams.service';
import { RecordVisitService } from './record-visit.service';
import { TeamRepository } from './team.repository';
import { TeamsController } from './teams.controller';

/** Community tech teams and youth teams (IV.6.5, IV.6.6): members and door-to-door visits (m_visits). */
@Module({
  imports: [RegistryModule],
  controllers: [TeamsController],
  providers: [TeamRepository, CreateTeamService, AddTeamMemberService, RecordVisitService, ReadTeamsService],
})
export class TeamsModule {}
