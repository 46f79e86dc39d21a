import { MessagingOutboxNotify1764000000001, MessagingTables1764000000000 } from '@bdhvs/messaging';

export const migrations = [MessagingTables1764000000000, MessagingOutboxNotify1764000000001];
