import { Module } from '@nestjs/common';
import { ProjectionVersion } from './projection-version';
import { LearnerFactRepository } from './learner-fact.repository';
import { RecordRegistryService } from './record-registry.service';
import { RegistryEventsConsumer } from './registry-events.consumer';
import { RegistryRepository } from './registry.repository';

/** Reporting's own view of the learner registry, from its events. */
@Module({
  controllers: [RegistryEventsConsumer],
  providers: [RecordRegistryService, RegistryRepository, ProjectionVersion, LearnerFactRepository],
  exports: [ProjectionVersion, LearnerFactRepository],
})
export class RegistryModule {}
