import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { CertificateEventsConsumer } from './certificate-events.consumer';
import { CertificationStatusController } from './certification-status.controller';
import { CertificationStatusService } from './certification-status.service';
import { LearnerCertificationRepository } from './learner-certification.repository';
import { RecordCertificationService } from './record-certification.service';

@Module({
  imports: [UnitsModule],
  controllers: [CertificationStatusController, CertificateEventsConsumer],
  providers: [LearnerCertificationRepository, RecordCertificationService, CertificationStatusService],
})
export class CertificationsModule {}
