import { Module } from '@nestjs/common';
import { AdministrativeUnitRepository } from './administrative-unit.repository';
import { RegisterReferenceUnitsService } from './register-reference-units.service';
import { RegisterUnitService } from './register-unit.service';
import { UnitsController } from './units.controller';

@Module({
  controllers: [UnitsController],
  providers: [AdministrativeUnitRepository, RegisterReferenceUnitsService, RegisterUnitService],
  exports: [AdministrativeUnitRepository],
})
export class UnitsModule {}
