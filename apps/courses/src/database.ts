import type { DatabaseOptions } from '@bdhvs/service-runtime';
import { CourseEntity } from './catalogue/course.entity';
import { ClassAttendanceEntity, ClassSessionEntity, CommunityClassEntity } from './classes/class.entity';
import { EnrolmentEntity, PendingIntakeEntity } from './enrolments/enrolment.entity';
import { migrations } from './migrations';
import { ProgrammeEntity, ProgrammeVersionEntity } from './programmes/programme.entity';
import { AdministrativeUnitEntity, LearnerChangeEntity, LearnerEntity } from './registry/registry.entity';
import {
  LrsAccountEntity,
  LrsCredentialEntity,
  XapiAttachmentEntity,
  XapiDocumentEntity,
  XapiStatementEntity,
} from './xapi/xapi.entity';

/** The service's tables: its entities and the migrations that create them (run on start and by `main.js migrate`). */
export const database: Omit<DatabaseOptions, 'url'> = {
  entities: [
    ProgrammeEntity,
    ProgrammeVersionEntity,
    CourseEntity,
    EnrolmentEntity,
    PendingIntakeEntity,
    CommunityClassEntity,
    ClassSessionEntity,
    ClassAttendanceEntity,
    LearnerChangeEntity,
    LearnerEntity,
    AdministrativeUnitEntity,
    LrsCredentialEntity,
    LrsAccountEntity,
    XapiStatementEntity,
    XapiAttachmentEntity,
    XapiDocumentEntity,
  ],
  migrations,
};
