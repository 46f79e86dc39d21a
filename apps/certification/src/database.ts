import type { DatabaseOptions } from '@bdhvs/service-runtime';
import { CertificateEntity, VneidEventEntity } from './certificates/certificate.entity';
import { CertificateCorrectionEntity } from './certificates/certificate-correction.entity';
import { KnownLearnerEntity, KnownUnitEntity } from './registry/registry.entity';
import { CertificationRequestEntity } from './requests/certification-request.entity';
import { ReviewItemEntity } from './review/review-item.entity';
import { migrations } from './migrations';

/** The service's tables: its entities and the migrations that create them (run on start and by `main.js migrate`). */
export const database: Omit<DatabaseOptions, 'url'> = {
  entities: [
    CertificateEntity,
    VneidEventEntity,
    KnownUnitEntity,
    KnownLearnerEntity,
    CertificateCorrectionEntity,
    CertificationRequestEntity,
    ReviewItemEntity,
  ],
  migrations,
};
