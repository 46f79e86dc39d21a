import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { CertificationRequestRepository } from './certification-request.repository';
import { CertificationRequestsController } from './certification-requests.controller';
import { CourseCompletionsConsumer } from './course-completions.consumer';
import { ReadCertificationRequestsService } from './read-certification-requests.service';
import { RequestCertificationService } from './request-certification.service';

@Module({
  imports: [RegistryModule],
  controllers: [CertificationRequestsController, CourseCompletionsConsumer],
  providers: [CertificationRequestRepository, RequestCertificationService, ReadCertificationRequestsService],
  exports: [CertificationRequestRepository],
})
export class RequestsModule {}
