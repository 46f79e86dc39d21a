import { MessagingOutboxNotify1764000000001, MessagingTables1764000000000 } from '@bdhvs/messaging';
import { CreateCertificate1764000000100 } from './1764000000100-create-certificate';

export const migrations = [
  MessagingTables1764000000000,
  MessagingOutboxNotify1764000000001,
  CreateCertificate1764000000100,
];
