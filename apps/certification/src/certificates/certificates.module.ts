import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { RequestsModule } from '../requests/requests.module';
import { ReviewStoreModule } from '../review/review-store.module';
import { CertificateRepository } from './certificate.repository';
import { CorrectCertificateService } from './correct-certificate.service';
import { CertificatesController } from './certificates.controller';
import { ReadCertificatesService } from './read-certificates.service';
import { VerificationRateLimitGuard } from './verification-rate-limit.guard';
import { ReceiveVneidEventService } from './receive-vneid-event.service';
import { VneidEventsConsumer } from './vneid-events.consumer';

@Module({
  imports: [RegistryModule, RequestsModule, ReviewStoreModule],
  controllers: [CertificatesController, VneidEventsConsumer],
  providers: [
    CertificateRepository,
    ReceiveVneidEventService,
    ReadCertificatesService,
    CorrectCertificateService,
    VerificationRateLimitGuard,
  ],
  exports: [ReceiveVneidEventService],
})
export class CertificatesModule {}
