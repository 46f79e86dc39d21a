import { Module } from '@nestjs/common';
import { UNIT_HIERARCHY } from '@bdhvs/auth';
import { RecordRegistryService } from './record-registry.service';
import { RegistryConsumer } from './registry.consumer';
import { RegistryRepository } from './registry.repository';

@Module({
  controllers: [RegistryConsumer],
  providers: [
    RegistryRepository,
    RecordRegistryService,
    { provide: UNIT_HIERARCHY, useExisting: RegistryRepository },
  ],
  exports: [RegistryRepository, UNIT_HIERARCHY],
})
export class RegistryModule {}
