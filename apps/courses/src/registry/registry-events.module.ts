import { Module } from '@nestjs/common';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { RecordRegistryService } from './record-registry.service';
import { RegistryEventsConsumer } from './registry-events.consumer';
import { RegistryModule } from './registry.module';

/** The registry's events in: kept apart from RegistryModule, which the enrolments read from. */
@Module({
  imports: [RegistryModule, EnrolmentsModule],
  controllers: [RegistryEventsConsumer],
  providers: [RecordRegistryService],
})
export class RegistryEventsModule {}
