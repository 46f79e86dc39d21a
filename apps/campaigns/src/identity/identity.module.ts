import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { IdentityController } from './identity.controller';
import { IdentityRepository } from './identity.repository';
import { RecordIdentityStatusService } from './record-identity-status.service';

/** "Mỗi công dân - Một danh tính số" (IV.6.4): VNeID identities and digital bank accounts. */
@Module({
  imports: [RegistryModule],
  controllers: [IdentityController],
  providers: [IdentityRepository, RecordIdentityStatusService],
  exports: [RecordIdentityStatusService],
})
export class IdentityModule {}
