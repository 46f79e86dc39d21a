import { MessagingTables1764000000000 } from '@bdhvs/messaging';

export const migrations = [MessagingTables1764000000000];
