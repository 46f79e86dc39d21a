import { Module } from '@nestjs/common';
import { CertificateRepository } from './certificate.repository';
import { CertificatesController } from './certificates.controller';
import { ReadCertificatesService } from './read-certificates.service';
import { ReceiveVneidEventService } from './receive-vneid-event.service';
import { VneidEventsConsumer } from './vneid-events.consumer';

@Module({
  controllers: [CertificatesController, VneidEventsConsumer],
  providers: [CertificateRepository, ReceiveVneidEventService, ReadCertificatesService],
})
export class CertificatesModule {}
