import { MessagingOutboxNotify1764000000001, MessagingTables1764000000000 } from '@bdhvs/messaging';
import { CreateCertificate1764000000100 } from './1764000000100-create-certificate';
import { CreateRegistryView1764000000110 } from './1764000000110-create-registry-view';
import { CreateCertificateCorrection1764000000120 } from './1764000000120-create-certificate-correction';
import { CreateVneidRequest1764000000130 } from './1764000000130-create-vneid-request';
import { CreateReviewItem1764000000140 } from './1764000000140-create-review-item';
import { ReviewDeadLetters1764000000150 } from './1764000000150-review-dead-letters';

export const migrations = [
  MessagingTables1764000000000,
  MessagingOutboxNotify1764000000001,
  CreateCertificate1764000000100,
  CreateRegistryView1764000000110,
  CreateCertificateCorrection1764000000120,
  CreateVneidRequest1764000000130,
  CreateReviewItem1764000000140,
  ReviewDeadLetters1764000000150,
];
