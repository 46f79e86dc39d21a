import type { DatabaseOptions } from '@bdhvs/service-runtime';
import { LearnerCertificationEntity } from './certifications/learner-certification.entity';
import { AdministrativeUnitEntity } from './units/administrative-unit.entity';
import { migrations } from './migrations';

/** The service's tables: its entities and the migrations that create them (run on start and by `main.js migrate`). */
export const database: Omit<DatabaseOptions, 'url'> = {
  entities: [AdministrativeUnitEntity, LearnerCertificationEntity],
  migrations,
};
