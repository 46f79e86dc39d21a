import type { DatabaseOptions } from '@bdhvs/service-runtime';
import {
  OfficialFigureEntity,
  QualificationEntity,
  RevocationEntity,
} from './indicators/qualification.entity';
import { migrations } from './migrations';
import {
  CampaignDeskHelperEntity,
  CampaignMenteeEntity,
  CampaignMentorEntity,
  CampaignParticipationEntity,
  CampaignTeamEntity,
  CampaignVisitEntity,
  IdentityStatusEntity,
} from './campaigns/campaigns.entity';
import { ClassSessionEntity, CourseCompletionEntity } from './learning/learning.entity';
import { ReportDeliveryEntity, ReportSubscriptionEntity } from './subscriptions/subscription.entity';
import { PeriodicReportActionEntity, PeriodicReportEntity } from './reports/periodic-report.entity';
import {
  HouseholdEntity,
  HouseholdMemberEntity,
  LearnerChangeEntity,
  LearnerProfileEntity,
  ProjectionVersionEntity,
} from './registry/registry.entity';
import { AdministrativeUnitEntity } from './units/administrative-unit.entity';

/** The service's tables: its entities and the migrations that create them (run on start and by `main.js migrate`). */
export const database: Omit<DatabaseOptions, 'url'> = {
  entities: [
    QualificationEntity,
    RevocationEntity,
    OfficialFigureEntity,
    AdministrativeUnitEntity,
    LearnerChangeEntity,
    LearnerProfileEntity,
    HouseholdEntity,
    HouseholdMemberEntity,
    ProjectionVersionEntity,
    PeriodicReportEntity,
    PeriodicReportActionEntity,
    ReportSubscriptionEntity,
    ReportDeliveryEntity,
    CourseCompletionEntity,
    ClassSessionEntity,
    CampaignMentorEntity,
    CampaignMenteeEntity,
    CampaignDeskHelperEntity,
    IdentityStatusEntity,
    CampaignTeamEntity,
    CampaignVisitEntity,
    CampaignParticipationEntity,
  ],
  migrations,
};
