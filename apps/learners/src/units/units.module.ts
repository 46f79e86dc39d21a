import { Module } from '@nestjs/common';
import { AdministrativeUnitRepository } from './administrative-unit.repository';
import { ListUnitsService } from './list-units.service';
import { RegisterReferenceUnitsService } from './register-reference-units.service';
import { RegisterUnitService } from './register-unit.service';
import { UnitsController } from './units.controller';

@Module({
  controllers: [UnitsController],
  providers: [
    AdministrativeUnitRepository,
    ListUnitsService,
    RegisterReferenceUnitsService,
    RegisterUnitService,
  ],
  exports: [AdministrativeUnitRepository],
})
export class UnitsModule {}
