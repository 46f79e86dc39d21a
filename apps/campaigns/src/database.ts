import type { DatabaseOptions } from '@bdhvs/service-runtime';
import { DeskHelperEntity, MenteeAssignmentEntity, MentorEntity } from './ambassadors/ambassador.entity';
import { ActivityEntity, CampaignEntity, ParticipationEntity } from './campaigns/campaign.entity';
import { IdentityRecordEntity } from './identity/identity.entity';
import { migrations } from './migrations';
import { AdministrativeUnitEntity, CampaignLearnerEntity, HouseholdEntity } from './registry/registry.entity';
import { NominationEntity } from './rewards/nomination.entity';
import { TeamEntity, TeamMemberEntity, VisitEntity } from './teams/team.entity';

/** The service's tables: its entities and the migrations that create them (run on start and by `main.js migrate`). */
export const database: Omit<DatabaseOptions, 'url'> = {
  entities: [
    CampaignLearnerEntity,
    AdministrativeUnitEntity,
    MentorEntity,
    MenteeAssignmentEntity,
    DeskHelperEntity,
    IdentityRecordEntity,
    HouseholdEntity,
    TeamEntity,
    TeamMemberEntity,
    VisitEntity,
    CampaignEntity,
    ActivityEntity,
    ParticipationEntity,
    NominationEntity,
  ],
  migrations,
};
