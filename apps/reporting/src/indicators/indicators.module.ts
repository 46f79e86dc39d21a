import { Module } from '@nestjs/common';
import { UNIT_HIERARCHY } from '@bdhvs/auth';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { GetIndicatorsService } from './get-indicators.service';
import { IndicatorsController } from './indicators.controller';
import { QualificationRepository } from './qualification.repository';

@Module({
  controllers: [IndicatorsController],
  providers: [
    GetIndicatorsService,
    QualificationRepository,
    UnitHierarchyRepository,
    { provide: UNIT_HIERARCHY, useExisting: UnitHierarchyRepository },
  ],
  exports: [QualificationRepository, UnitHierarchyRepository],
})
export class IndicatorsModule {}
