import { MessagingOutboxNotify1764000000001, MessagingTables1764000000000 } from '@bdhvs/messaging';
import { CreateCampaigns1764000001000 } from './1764000001000-create-campaigns';
import { CreateTeams1764000001100 } from './1764000001100-create-teams';
import { CreateActivities1764000001200 } from './1764000001200-create-activities';
import { CreateNominations1764000001300 } from './1764000001300-create-nominations';
import { MenteeAssignmentHistory1764000001400 } from './1764000001400-mentee-assignment-history';

export const migrations = [
  MessagingTables1764000000000,
  MessagingOutboxNotify1764000000001,
  CreateCampaigns1764000001000,
  CreateTeams1764000001100,
  CreateActivities1764000001200,
  CreateNominations1764000001300,
  MenteeAssignmentHistory1764000001400,
];
