import { MessagingOutboxNotify1764000000001, MessagingTables1764000000000 } from '@bdhvs/messaging';
import { IdempotencyKeyTable1764000000010 } from '@bdhvs/service-runtime';
import { CreateAdministrativeUnit1764000000200 } from './1764000000200-create-administrative-unit';
import { CreateLearnerCertification1764000000300 } from './1764000000300-create-learner-certification';
import { CreateLearner1764000000400 } from './1764000000400-create-learner';
import { CreateLearnerImport1764000000500 } from './1764000000500-create-learner-import';
import { LearnerSource1764000000600 } from './1764000000600-learner-source';

export const migrations = [
  MessagingTables1764000000000,
  MessagingOutboxNotify1764000000001,
  IdempotencyKeyTable1764000000010,
  CreateAdministrativeUnit1764000000200,
  CreateLearnerCertification1764000000300,
  CreateLearner1764000000400,
  CreateLearnerImport1764000000500,
  LearnerSource1764000000600,
];
