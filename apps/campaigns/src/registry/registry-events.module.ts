import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { RecordRegistryService } from './record-registry.service';
import { RegistryEventsConsumer } from './registry-events.consumer';
import { RegistryModule } from './registry.module';

/** The registry's events in: kept apart from RegistryModule, which the features read from. */
@Module({
  imports: [RegistryModule, IdentityModule],
  controllers: [RegistryEventsConsumer],
  providers: [RecordRegistryService],
})
export class RegistryEventsModule {}
