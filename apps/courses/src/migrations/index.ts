import { MessagingOutboxNotify1764000000001, MessagingTables1764000000000 } from '@bdhvs/messaging';
import { CreateCourses1764000000200 } from './1764000000200-create-courses';
import { SeedProgrammes1764000000210 } from './1764000000210-seed-programmes';
import { CreateXapi1764000000220 } from './1764000000220-create-xapi';

export const migrations = [
  MessagingTables1764000000000,
  MessagingOutboxNotify1764000000001,
  CreateCourses1764000000200,
  SeedProgrammes1764000000210,
  CreateXapi1764000000220,
];
