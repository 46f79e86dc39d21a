import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { CourseEventsConsumer } from './course-events.consumer';
import { LearningRepository } from './learning.repository';
import { RecordLearningService } from './record-learning.service';

/** What reporting keeps of the courses service's events. */
@Module({
  imports: [RegistryModule],
  controllers: [CourseEventsConsumer],
  providers: [RecordLearningService, LearningRepository],
})
export class LearningModule {}
