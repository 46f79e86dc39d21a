import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { CertificationStatusController } from './certification-status.controller';
import { CertificationStatusService } from './certification-status.service';
import { LearnerCertificationRepository } from './learner-certification.repository';
import { RecordCertificationService } from './record-certification.service';

@Module({
  imports: [UnitsModule],
  controllers: [CertificationStatusController],
  providers: [LearnerCertificationRepository, RecordCertificationService, CertificationStatusService],
  exports: [RecordCertificationService],
})
export class CertificationsModule {}
