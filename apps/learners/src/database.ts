import type { DatabaseOptions } from '@bdhvs/service-runtime';
import { LearnerCertificationEntity } from './certifications/learner-certification.entity';
import { HouseholdEntity } from './learners/household.entity';
import { LearnerImportEntity } from './learners/learner-import.entity';
import { LearnerEntity, LearnerHistoryEntity, PersonalDataAccessEntity } from './learners/learner.entity';
import { AdministrativeUnitEntity } from './units/administrative-unit.entity';
import { migrations } from './migrations';

/** The service's tables: its entities and the migrations that create them (run on start and by `main.js migrate`). */
export const database: Omit<DatabaseOptions, 'url'> = {
  entities: [
    AdministrativeUnitEntity,
    LearnerCertificationEntity,
    LearnerEntity,
    LearnerHistoryEntity,
    PersonalDataAccessEntity,
    HouseholdEntity,
    LearnerImportEntity,
  ],
  migrations,
};
