import { MessagingOutboxNotify1764000000001, MessagingTables1764000000000 } from '@bdhvs/messaging';
import { CreateProjections1764000000200 } from './1764000000200-create-projections';
import { CreateRegistryView1764000000300 } from './1764000000300-create-registry-view';
import { UnitMergedInto1764000000400 } from './1764000000400-unit-merged-into';
import { CreatePeriodicReport1764000000500 } from './1764000000500-create-periodic-report';
import { CreateIndicatorChange1764000000600 } from './1764000000600-create-indicator-change';
import { CreateLearnerFact1764000000700 } from './1764000000700-create-learner-fact';
import { CreateReportSubscription1764000000800 } from './1764000000800-create-report-subscription';
import { CreateLearning1764000000900 } from './1764000000900-create-learning';
import { CreateCampaignProjections1764000001000 } from './1764000001000-create-campaign-projections';
import { CreateCampaignVisits1764000001100 } from './1764000001100-create-campaign-visits';
import { CreateCampaignParticipation1764000001200 } from './1764000001200-create-campaign-participation';
import { CampaignMenteeHistory1764000001450 } from './1764000001450-campaign-mentee-history';

export const migrations = [
  MessagingTables1764000000000,
  MessagingOutboxNotify1764000000001,
  CreateProjections1764000000200,
  CreateRegistryView1764000000300,
  UnitMergedInto1764000000400,
  CreatePeriodicReport1764000000500,
  CreateIndicatorChange1764000000600,
  CreateLearnerFact1764000000700,
  CreateReportSubscription1764000000800,
  CreateLearning1764000000900,
  CreateCampaignProjections1764000001000,
  CreateCampaignVisits1764000001100,
  CreateCampaignParticipation1764000001200,
  CampaignMenteeHistory1764000001450,
];
