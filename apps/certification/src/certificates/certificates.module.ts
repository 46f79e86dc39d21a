import { Module } from '@nestjs/common';
import { CertificateRepository } from './certificate.repository';
import { CertificatesController } from './certificates.controller';
import { ReceiveVneidEventService } from './receive-vneid-event.service';

@Module({
  controllers: [CertificatesController],
  providers: [CertificateRepository, ReceiveVneidEventService],
  exports: [ReceiveVneidEventService],
})
export class CertificatesModule {}
