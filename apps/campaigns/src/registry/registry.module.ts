import { Module } from '@nestjs/common';
import { RegistryRepository } from './registry.repository';

/** The campaigns service's own view of the learner registry and of the units, read by every feature. */
@Module({
  providers: [RegistryRepository],
  exports: [RegistryRepository],
})
export class RegistryModule {}
