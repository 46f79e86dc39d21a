import { Module } from '@nestjs/common';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { GetIndicatorsService } from './get-indicators.service';
import { IndicatorsController } from './indicators.controller';
import { QualificationRepository } from './qualification.repository';

@Module({
  controllers: [IndicatorsController],
  providers: [GetIndicatorsService, QualificationRepository, UnitHierarchyRepository],
  exports: [QualificationRepository, UnitHierarchyRepository],
})
export class IndicatorsModule {}
